/**
 * What a verified list would block: every value must be a domain the browser matches exactly, and
 * nothing may cut the browser off from the place it fetches the next list from.
 */
import { checkCanonicalDomain, isSameOrSubdomain, type DomainErrorCode } from '../domain.ts';
import { blocksHost } from '../match.ts';
import type { Blocklist } from './payload.ts';

export type DomainProblem =
  | { readonly kind: 'invalid-domain'; readonly path: string; readonly message: string; readonly domainError?: DomainErrorCode }
  | { readonly kind: 'blocks-own-host'; readonly path: string; readonly message: string };

/**
 * A signed list carries canonical values byte for byte (what `cordon sign` writes), so a value that
 * only normalises to a valid domain is still refused: the signer must have seen what is enforced.
 */
export function findInvalidDomain(list: Blocklist): DomainProblem | undefined {
  for (const [a, app] of list.apps.entries()) {
    const blocked = [...app.domains, ...(app.hosts ?? [])];
    const groups: [string, readonly string[]][] = [
      ['domains', app.domains],
      ['hosts', app.hosts ?? []],
      ['allow', app.allow ?? []],
    ];
    for (const [field, values] of groups) {
      for (const [i, value] of values.entries()) {
        const path = `apps[${a}].${field}[${i}]`;
        const check = checkCanonicalDomain(value);
        if (!check.ok) return { kind: 'invalid-domain', path, message: `${path}: ${check.message}`, domainError: check.code };
        // The compiler gives allow rules a higher priority than any block rule; one reaching outside
        // its own app would unblock another app's hosts.
        if (field === 'allow' && !blocked.some((d) => isSameOrSubdomain(value, d))) {
          return { kind: 'invalid-domain', path, message: `${path}: "${value}" is not one of the app's domains or hosts, or below one` };
        }
      }
    }
  }
  return undefined;
}

/** `listHost` is the host of the URL the list is fetched from, as the browser sees it. */
export function findOwnHostBlocked(list: Blocklist, listHost: string): DomainProblem | undefined {
  const host = listHost.toLowerCase();
  for (const [a, app] of list.apps.entries()) {
    if (blocksHost(app, host)) {
      return {
        kind: 'blocks-own-host',
        path: `apps[${a}]`,
        message: `apps[${a}] ("${app.id}") would block ${host}, the host this list is published on`,
      };
    }
  }
  return undefined;
}
