import { canonicalHost } from '../core/host.ts';
import { listUrlProblem } from '../core/policy.ts';
import { UsageError } from './errors.ts';

/**
 * The host a browser fetches the list from: what the list must never block. The URL is checked as the
 * extension checks `listUrl` (https, or plain http on this machine for test servers; no trailing dot,
 * whitespace or control characters), so a list is never signed for a URL the browsers would refuse.
 */
export function listHostOf(url: string): string {
  const problem = listUrlProblem(url);
  if (problem !== undefined) {
    throw new UsageError(`--list-url ${problem === 'is not a URL' ? 'must be a full URL like https://lists.example.com/cordon.json' : problem}, not ${JSON.stringify(url)}`);
  }
  return canonicalHost(new URL(url).hostname);
}
