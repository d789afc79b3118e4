/** Host helpers with no Public Suffix List behind them, cheap enough for every page. */

/** True when `host` is `domain` itself or one of its subdomains (label-wise, never by substring). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
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
