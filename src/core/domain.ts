/**
 * Domain normalisation and validation.
 *
 * Chromium's declarativeNetRequest silently accepts many strings in `requestDomains` that then match
 * nothing (`''`, `'*.tiktok.com'`, `'http://tiktok.com'`, `' tiktok.com'`, `'tiktok.com.'`,
 * `'tiktok.com:80'`, `'tiktok.com/path'`), and rejects a whole update for one non-ASCII domain. A list
 * that "blocks" such a value gives a false sense of safety, so every domain passes through here first.
 */
import { isPublicSuffix } from './public-suffix.ts';

export { hostOf, isSameOrSubdomain } from './host.ts';

export type DomainErrorCode =
  | 'not-a-string'
  | 'empty'
  | 'whitespace'
  | 'scheme'
  | 'path'
  | 'port'
  | 'wildcard'
  | 'leading-dot'
  | 'trailing-dot'
  | 'empty-label'
  | 'invalid-character'
  | 'label-too-long'
  | 'too-long'
  | 'ip-address'
  | 'single-label'
  | 'public-suffix'
  | 'not-canonical';

export type DomainCheck =
  | { readonly ok: true; readonly domain: string }
  | { readonly ok: false; readonly input: unknown; readonly code: DomainErrorCode; readonly message: string };

const MESSAGES: Record<DomainErrorCode, string> = {
  'not-a-string': 'is not a string',
  empty: 'is empty',
  whitespace: 'contains whitespace',
  scheme: 'contains a URL scheme; give the host name only (tiktok.com, not https://tiktok.com)',
  path: 'contains a path, query or fragment; give the host name only',
  port: 'contains a port; a rule covers every port of a host',
  wildcard: 'contains a wildcard; a domain already covers all of its subdomains',
  'leading-dot': 'starts with a dot; a domain already covers all of its subdomains',
  'trailing-dot': 'ends with a dot (a fully-qualified name matches nothing in the browser)',
  'empty-label': 'has an empty label (two dots in a row)',
  'invalid-character': 'contains a character that cannot appear in a host name',
  'label-too-long': 'has a label longer than 63 characters',
  'too-long': 'is longer than 253 characters',
  'ip-address': 'is an IP address; Cordon blocks host names only',
  'single-label': 'has a single label; a top-level domain cannot be blocked',
  'public-suffix': 'is a public suffix (like com or co.uk or github.io): blocking it would block unrelated sites',
  'not-canonical': 'is not in canonical form (lowercase ASCII, IDN in punycode)',
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Already what the URL parser would return: most list entries, and every entry of a signed list.
const CANONICAL_ASCII = /^[a-z0-9.-]+$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const fail = (input: unknown, code: DomainErrorCode): DomainCheck => ({
  ok: false,
  input,
  code,
  message: `${typeof input === 'string' ? JSON.stringify(input) : 'value'} ${MESSAGES[code]}`,
});

/**
 * Turns what an admin typed into the canonical form the browser matches on (lowercase; IDN in punycode),
 * or says precisely why it can never match.
 */
export function normalizeDomain(input: unknown): DomainCheck {
  if (typeof input === 'string' && isCanonicalAsciiHost(input)) {
    return isPublicSuffix(input) ? fail(input, 'public-suffix') : { ok: true, domain: input };
  }
  return normalizeDomainFully(input);
}

/**
 * The fast path: true only for a value `normalizeDomainFully` would return unchanged up to its public
 * suffix check (test/unit/domain.test.ts holds the two together). Almost every list entry, and every
 * entry of a signed list, is already canonical: two or more labels of 1 to 63 of [a-z0-9-], no hyphen
 * at either end of a label, at most 253 characters, and a last label that is not a number (which the
 * URL parser reads as an IPv4 address). One pass over the characters replaces the split and the
 * per-label regexes. `xn--` labels still go through the URL parser, which is what validates punycode.
 */
export function isCanonicalAsciiHost(input: string): boolean {
  const n = input.length;
  if (n > 253) return false;
  let start = 0; // where the current label starts
  let lastStart = 0; // where the last complete label started
  for (let i = 0; i <= n; i++) {
    const c = i < n ? input.charCodeAt(i) : DOT;
    if (c === DOT) {
      const length = i - start;
      if (length === 0 || length > 63 || input.charCodeAt(start) === HYPHEN || input.charCodeAt(i - 1) === HYPHEN) return false;
      lastStart = start;
      start = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === HYPHEN)) {
      return false;
    }
  }
  return lastStart > 0 && !isNumericLabel(input, lastStart) && !input.includes('xn--');
}

const DOT = 0x2e;
const HYPHEN = 0x2d;

/** `input.slice(from)` matches /^(?:\d+|0x[0-9a-f]*)$/: the label makes the host an IPv4 address. */
function isNumericLabel(input: string, from: number): boolean {
  let i = from;
  let hex = false;
  if (input.charCodeAt(i) === 0x30 && input.charCodeAt(i + 1) === 0x78) {
    hex = true;
    i += 2;
  }
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (hex && c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * Every check, for any input: the reference the fast path in `normalizeDomain` must agree with.
 * Exported for the tests only.
 */
export function normalizeDomainFully(input: unknown): DomainCheck {
  if (typeof input !== 'string') return fail(input, 'not-a-string');
  if (input.length === 0) return fail(input, 'empty');
  const host = CANONICAL_ASCII.test(input) && !input.includes('xn--') ? (dotError(input) ?? input) : toAsciiHost(input);
  if (typeof host !== 'string') return fail(input, host.code);
  // IDNA mapping can turn full-width or ideographic dots into dots; re-check the shape after mapping.
  if (host.endsWith('.')) return fail(input, 'trailing-dot');
  if (host.length > 253) return fail(input, 'too-long');
  const labels = host.split('.');
  if (labels.some((l) => l.length === 0)) return fail(input, 'empty-label');
  // URL parsing turns '0x7f.1' or '2130706433' into an IPv4 address: any all-numeric last label is an IP.
  if (/^(?:\d+|0x[0-9a-f]*)$/.test(labels.at(-1) ?? '')) return fail(input, 'ip-address');
  if (labels.some((l) => l.length > 63)) return fail(input, 'label-too-long');
  if (!labels.every((l) => LABEL.test(l))) return fail(input, 'invalid-character');
  if (labels.length < 2) return fail(input, 'single-label');
  if (isPublicSuffix(host)) return fail(input, 'public-suffix');
  return { ok: true, domain: host };
}

function dotError(input: string): { code: DomainErrorCode } | undefined {
  if (input.startsWith('.')) return { code: 'leading-dot' };
  if (input.endsWith('.')) return { code: 'trailing-dot' };
  if (input.includes('..')) return { code: 'empty-label' };
  return undefined;
}

/**
 * The slow path, for anything that is not already lowercase ASCII: spot the shapes that can never be a
 * host name, then let the WHATWG URL parser apply UTS #46 (lowercasing, punycode) exactly as the
 * browser does when it matches a request.
 */
function toAsciiHost(input: string): string | { code: DomainErrorCode } {
  const err = (code: DomainErrorCode) => ({ code });
  if (/[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/u.test(input)) return err('whitespace');
  if (input.includes('*')) return err('wildcard');
  if (input.includes('://') || (SCHEME.test(input) && !/^[^:]+:\d*$/.test(input))) return err('scheme');
  if (/[/?#\\]/.test(input)) return err('path');
  if (input.startsWith('[')) return err('ip-address');
  if (input.includes(':')) return err(/:\d*$/.test(input) ? 'port' : 'invalid-character');
  const dots = dotError(input);
  if (dots) return dots;
  if (/[@%]|\p{Cc}|\p{Cf}/u.test(input)) return err('invalid-character');

  // The WHATWG URL parser applies UTS #46 (lowercasing and punycode) the same way the browser does
  // when it matches a request, so the result is exactly the host string Chromium compares against.
  try {
    return new URL(`http://${input}/`).hostname;
  } catch {
    return err('invalid-character');
  }
}

/** A value that is already canonical: what a signed list must carry, byte for byte. */
export function checkCanonicalDomain(input: unknown): DomainCheck {
  const result = normalizeDomain(input);
  if (result.ok && result.domain !== input) return fail(input, 'not-canonical');
  return result;
}

/**
 * Public suffixes from both sections of the Public Suffix List (core/public-suffix.ts): blocking
 * `github.io` or `cloudfront.net` would block every site hosted there, which no app entry may do.
 */
export { isPublicSuffix };

/**
 * Removes duplicates and any domain already covered by a parent in the same set: `requestDomains`
 * matches subdomains, so `www.tiktok.com` beside `tiktok.com` only costs rule size. Sorted for
 * deterministic output.
 */
export function pruneSubdomains(domains: Iterable<string>): string[] {
  return topmostDomains(domains).sort();
}

/**
 * `pruneSubdomains` in the order the names first appear, for the compiler: the same names give the
 * same rules, and a 25,000-name list is not sorted again at every update (the sort was half of the
 * compile time, measured).
 */
export function topmostDomains(domains: Iterable<string>): string[] {
  const unique = new Set(domains);
  const kept: string[] = [];
  for (const domain of unique) if (!hasListedParent(domain, unique)) kept.push(domain);
  return kept;
}

/**
 * Whether a parent of `domain` with at least two labels is in `set` (`a.b.example.com` looks up
 * `b.example.com` and `example.com`). Scans for dots and slices the tail: no array of labels and no
 * joined string per parent, which dominated pruning 100k names.
 */
function hasListedParent(domain: string, set: ReadonlySet<string>): boolean {
  let dot = domain.indexOf('.');
  while (dot !== -1) {
    const next = domain.indexOf('.', dot + 1);
    // The tail after the last dot is a single label (a TLD): never a parent worth looking up.
    if (next === -1) return false;
    if (set.has(domain.slice(dot + 1))) return true;
    dot = next;
  }
  return false;
}
