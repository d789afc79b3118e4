/**
 * Website proxies that serve a site under a host name of their own, which Cordon can match exactly.
 *
 * Google Translate's website proxy fetches a site server-side and serves it at
 * `<encoded host>.translate.goog`, rewriting every subresource the same way, so the app's scripts run
 * (and reach the app) under Google's domain. The encoding is documented by Google ("Enabling your ad
 * network to work with translation-related Google Search features", developers.google.com/search):
 * each `-` in the host is doubled and each `.` becomes `-`; decoding turns a `-` between two word
 * characters back into `.` and `--` into `-`. An optional `1-` prefix may precede the encoded host (the
 * `_x_tr_enc=1` marker), and IDN hosts use a `0-` prefix instead of `xn--`.
 *
 * Not covered, by design (README, "How blocking works"): hosts long enough that Google moves part of
 * them into the `_x_tr_hp` query parameter; IDN names; proxies that carry the target in the query string
 * (Microsoft Translator, Yandex) or serve only AMP documents (AMP caches); general web proxies and
 * archives, which no name-based rule can tell from any other site.
 */

export const TRANSLATE_PROXY_SUFFIX = 'translate.goog';

/** `www.tiktok.com` → `www-tiktok-com`: the label Google Translate's proxy serves that host under. */
export function translateProxyLabel(host: string): string {
  // One pass copying runs between the separators: this runs for every name at every compile, and at
  // 25,000 names the split/map/join it replaced (and `replaceAll`, measured) took twice as long.
  let label = '';
  let from = 0;
  for (let i = 0; i < host.length; i++) {
    const code = host.charCodeAt(i);
    if (code === 0x2e /* . */) {
      label += `${host.slice(from, i)}-`;
      from = i + 1;
    } else if (code === 0x2d /* - */) {
      label += `${host.slice(from, i + 1)}-`;
      from = i + 1;
    }
  }
  return label + host.slice(from);
}

/** The proxy host for `host` itself: `www-tiktok-com.translate.goog`. */
export function translateProxyHost(host: string): string {
  return `${translateProxyLabel(host)}.${TRANSLATE_PROXY_SUFFIX}`;
}

/**
 * The host a Google Translate proxy host stands for, decoded as Google documents it, or undefined for
 * any other host (and for forms this module does not decode: IDN, `_x_tr_hp`).
 */
export function hostBehindTranslateProxy(proxyHost: string): string | undefined {
  const suffix = `.${TRANSLATE_PROXY_SUFFIX}`;
  if (!proxyHost.endsWith(suffix)) return undefined;
  let label = proxyHost.slice(0, -suffix.length);
  if (label.includes('.') || label === '') return undefined;
  if (label.startsWith('0-')) return undefined; // IDN
  if (label.startsWith('1-')) label = label.slice(2);
  const host = label.replace(/\b-\b/g, '.').replace(/--/g, '-');
  return host.includes('.') ? host : undefined;
}

/**
 * A regular expression (RE2, as declarativeNetRequest runs it) matching the URL of a proxied page or
 * resource of any of `hosts` or the names below them: the label ends in the encoded host, preceded by
 * nothing or by an encoded subdomain and a single `-` (a dot). A label such as `not--tiktok-com`
 * (`not-tiktok.com`, a lookalike) does not match: there the `-` before `tiktok-com` is part of a `--`.
 * It matches the whole URL, so a redirect can carry it (`\0`).
 */
export function translateProxyRegex(hosts: readonly string[]): string {
  const escaped = hosts.map((h) => translateProxyLabel(h).replace(/[.]/g, '\\.'));
  return `^[a-z]+://(?:1-)?(?:[a-z0-9-]*[a-z0-9]-)?(?:${escaped.join('|')})\\.translate\\.goog(?:[:/?#].*)?$`;
}

/**
 * Chromium caps each regular expression at 2 KB once compiled. Measured in 156 with `isRegexSupported`
 * on this expression: one encoded host passes up to 65 characters (70 fails); alternations pass up to
 * about 63 characters in all (6 hosts of 10, 3 of 20) and fail from 80 (2 of 40). Cordon stays below
 * both with a margin; test/browser checks every expression the catalogue compiles to, and the worker
 * leaves out any expression Chromium would refuse rather than lose the whole update.
 */
export const MAX_PROXY_ALTERNATION = 56;
export const MAX_PROXY_SINGLE = 60;

/**
 * `hosts` in groups whose alternation stays within the limits above. A host too long even alone is
 * left out: its proxy host itself is still blocked exactly (`requestDomains`), only not the names below.
 */
export function translateProxyGroups(hosts: readonly string[], maxGroups = Infinity): string[][] {
  const groups: string[][] = [];
  if (maxGroups <= 0) return groups;
  let current: string[] = [];
  let length = 0;
  for (const host of hosts) {
    const size = translateProxyLabel(host).length;
    if (size > MAX_PROXY_SINGLE) continue;
    if (current.length > 0 && length + 1 + size > MAX_PROXY_ALTERNATION) {
      groups.push(current);
      current = [];
      length = 0;
      if (groups.length >= maxGroups) return groups;
    }
    length += (current.length > 0 ? 1 : 0) + size;
    current.push(host);
  }
  if (current.length > 0 && groups.length < maxGroups) groups.push(current);
  return groups;
}
