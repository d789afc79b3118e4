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
    const groups: [string, readonly string[]][] = [
      ['domains', app.domains],
      ['hosts', app.hosts ?? []],
      ['allow', app.allow ?? []],
    ];
    for (const [field, values] of groups) {
      // An indexed loop, and the path only for the value that fails: a list can carry 25,000 names.
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as string;
        const check = checkCanonicalDomain(value);
        if (!check.ok) {
          const path = `apps[${a}].${field}[${i}]`;
          return { kind: 'invalid-domain', path, message: `${path}: ${check.message}`, domainError: check.code };
        }
        // The compiler gives allow rules a higher priority than any block rule; one reaching outside
        // its own app would unblock another app's hosts.
        if (field === 'allow' && !coveredByApp(app, value)) {
          const path = `apps[${a}].${field}[${i}]`;
          return { kind: 'invalid-domain', path, message: `${path}: "${value}" is not one of the app's domains or hosts, or below one` };
        }
      }
    }
  }
  return undefined;
}

function coveredByApp(app: Blocklist['apps'][number], host: string): boolean {
  return app.domains.some((d) => isSameOrSubdomain(host, d)) || (app.hosts ?? []).some((d) => isSameOrSubdomain(host, d));
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
