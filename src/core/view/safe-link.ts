/**
 * Links shown to employees come from a signed list or a policy, and are clicked: only `https:` (no
 * credentials) and `mailto:` with an address are ever made clickable. Anything else is shown as text.
 */
export function safeLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  if (/[\s\p{Cc}]/u.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:') {
    if (url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
    return url.href;
  }
  if (url.protocol === 'mailto:') {
    return /^[^@/?#]+@[^@/?#]+$/.test(url.pathname) ? url.href : undefined;
  }
  return undefined;
}

/** The text a link shows: the address for mailto:, the URL without a trailing slash for https:. */
export function linkText(href: string): string {
  if (href.startsWith('mailto:')) {
    const address = href.slice('mailto:'.length).split('?')[0] ?? '';
    try {
      return decodeURIComponent(address);
    } catch {
      return address;
    }
  }
  return href.replace(/^https:\/\//, '').replace(/\/$/, '');
}
