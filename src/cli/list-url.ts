import { UsageError } from './errors.ts';

/** The host a browser fetches the list from: what the list must never block. */
export function listHostOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--list-url must be a full URL like https://lists.example.com/cordon.json, not "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError(`--list-url must be an https: URL, not "${url}"`);
  return parsed.hostname;
}
