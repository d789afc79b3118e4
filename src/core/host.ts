/** Host helpers with no Public Suffix List behind them, cheap enough for every page. */

/** True when `host` is `domain` itself or one of its subdomains (label-wise, never by substring). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  // host.endsWith(`.${domain}`) without building that string: the verifier and the compiler call this
  // once per listed name.
  const dot = host.length - domain.length - 1;
  return host === domain || (dot >= 0 && host.charCodeAt(dot) === 0x2e && host.endsWith(domain));
}

/** The host of a URL string, or undefined when it has none (about:, data:, extension pages...). */
export function hostOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'ws:' || protocol === 'wss:'
      ? hostname
      : undefined;
  } catch {
    return undefined;
  }
}
