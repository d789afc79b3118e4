/** Host helpers with no Public Suffix List behind them, cheap enough for every page. */

/** True when `host` is `domain` itself or one of its subdomains (label-wise, never by substring). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  // host.endsWith(`.${domain}`) without building that string: the verifier and the compiler call this
  // once per listed name.
  const dot = host.length - domain.length - 1;
  return host === domain || (dot >= 0 && host.charCodeAt(dot) === 0x2e && host.endsWith(domain));
}

/**
 * A host as declarativeNetRequest matches it: lowercase, without the trailing dot(s) of a fully
 * qualified name. `new URL('https://www.tiktok.com./').hostname` keeps the dot while the browser's
 * rules strip it, so every comparison of hosts goes through this first.
 */
export function canonicalHost(host: string): string {
  let end = host.length;
  while (end > 0 && host.charCodeAt(end - 1) === 0x2e) end--;
  return host.slice(0, end).toLowerCase();
}

/** The host of a URL string, canonical, or undefined when it has none (about:, data:, extension pages...). */
export function hostOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'ws:' || protocol === 'wss:'
      ? canonicalHost(hostname) || undefined
      : undefined;
  } catch {
    return undefined;
  }
}
