/**
 * The block page learns what was refused from its URL fragment, which the redirect rule writes as
 * `#app=<id>&url=<the refused URL, verbatim>`. The URL comes last because it may itself contain `&`
 * and `#`; the fragment never reaches a server.
 */
const URL_MARKER = '&url=';

export function encodeBlockFragment(appId: string): string {
  return `app=${encodeURIComponent(appId)}${URL_MARKER}`;
}

export interface BlockFragment {
  readonly appId: string;
  readonly url: string;
}

export function decodeBlockFragment(hash: string): BlockFragment | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('app=')) return undefined;
  const marker = fragment.indexOf(URL_MARKER);
  if (marker < 0) return undefined;
  try {
    return { appId: decodeURIComponent(fragment.slice(4, marker)), url: fragment.slice(marker + URL_MARKER.length) };
  } catch {
    return undefined;
  }
}
