/**
 * What a verified list would block: every value must be a domain the browser matches exactly, no app
 * may loosen another app's block, and nothing may cut the browser off from the place it fetches the
 * next list from.
 */
import { checkCanonicalDomain, isCanonicalAsciiHost, isPublicSuffix, isSameOrSubdomain, type DomainErrorCode } from '../domain.ts';
import { canonicalHost } from '../host.ts';
import { blocksHost } from '../match.ts';
import type { Blocklist } from './payload.ts';

export type DomainProblem =
  | { readonly kind: 'invalid-domain'; readonly path: string; readonly message: string; readonly domainError?: DomainErrorCode }
  | { readonly kind: 'name-conflict'; readonly path: string; readonly message: string }
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
        // Nearly every name is plain canonical ASCII: decided without building a result per name.
        if (field !== 'allow' && isCanonicalAsciiHost(value) && !isPublicSuffix(value)) continue;
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
  return findNameConflict(list);
}

function coveredByApp(app: Blocklist['apps'][number], host: string): boolean {
  return app.domains.some((d) => isSameOrSubdomain(host, d)) || (app.hosts ?? []).some((d) => isSameOrSubdomain(host, d));
}

/**
 * `host`, then each parent of it, `a.b.c`, `b.c`, `c`, to `visit` until it returns true; whether one
 * did. A plain loop over the dots: this runs for every name of a list that has allowed hosts, and a
 * generator per name cost more than the lookups.
 */
function someSelfOrParent(host: string, visit: (name: string) => boolean): boolean {
  for (let at = 0; ; ) {
    if (visit(at === 0 ? host : host.slice(at))) return true;
    const dot = host.indexOf('.', at);
    if (dot < 0) return false;
    at = dot + 1;
  }
}

/** The last two labels of a canonical name (`b.c` of `a.b.c`): every name at or below a host ends with its own. */
function lastTwoLabels(name: string): string {
  const last = name.lastIndexOf('.');
  return last <= 0 ? name : name.slice(name.lastIndexOf('.', last - 1) + 1);
}

/** Where `name` sits in app `a`'s `fields`, as a path; only computed for the one name reported. */
function pathOf(list: Blocklist, a: number, fields: readonly ('domains' | 'hosts' | 'allow')[], name: string): string {
  const app = list.apps[a];
  for (const field of fields) {
    const i = (app?.[field] ?? []).indexOf(name);
    if (i >= 0) return `apps[${a}].${field}[${i}]`;
  }
  return `apps[${a}]`;
}

/**
 * Names that make one app's rules reach into another's. Linear in the number of names (each name is
 * looked up once per label of it), with one map entry per name and no string built per name:
 * - a blocked name listed twice, in two apps or in one app's domains and hosts: the format says a
 *   value never repeats, and two apps claiming one name make "who blocks this" ambiguous;
 * - an allowed host of app A that is, or is under, a name app B blocks: allow rules outrank every
 *   block rule, so A's exception would lift B's block;
 * - an allowed host of app A that is above a name app B blocks, for the same reason.

 *
 * Runs after `findInvalidDomain` has checked every name: each has two labels or more.
 */
export function findNameConflict(list: Blocklist): DomainProblem | undefined {
  /** Name → index of the app that blocks it. */
  const blocked = new Map<string, number>();
  /** Allowed host → index of the app that allows it. */
  const allowed = new Map<string, number>();
  const label = (a: number) => `apps[${a}] ("${list.apps[a]?.id ?? '?'}")`;
  const BLOCKING = ['domains', 'hosts'] as const;

  for (let a = 0; a < list.apps.length; a++) {
    const app = list.apps[a] as Blocklist['apps'][number];
    for (const field of BLOCKING) {
      const values = app[field] ?? [];
      for (let i = 0; i < values.length; i++) {
        const name = values[i] as string;
        const earlier = blocked.get(name);
        if (earlier !== undefined) {
          const path = `apps[${a}].${field}[${i}]`;
          const earlierPath = pathOf(list, earlier, BLOCKING, name);
          const where = earlier === a ? `also listed at ${earlierPath}` : `also blocked by ${label(earlier)} at ${earlierPath}`;
          return { kind: 'name-conflict', path, message: `${path}: "${name}" is ${where}; a name may appear once in a list` };
        }
        blocked.set(name, a);
      }
    }
    for (const host of app.allow ?? []) allowed.set(host, a);
  }
  if (allowed.size === 0) return undefined;

  for (const [host, allowing] of allowed) {
    let conflict: DomainProblem | undefined;
    someSelfOrParent(host, (name) => {
      const blocker = blocked.get(name);
      if (blocker === undefined || blocker === allowing) return false;
      const path = pathOf(list, allowing, ['allow'], host);
      const covers = name === host ? 'blocks that very name' : `blocks "${name}", which covers it`;
      conflict = {
        kind: 'name-conflict',
        path,
        message: `${path}: "${host}" is allowed by ${label(allowing)}, but ${label(blocker)} ${covers}; an allowed host outranks every block, so it would lift the other app's block`,
      };
      return true;
    });
    if (conflict !== undefined) return conflict;
  }
  // A blocked name can only lie below an allowed host that shares its last two labels: one lookup per
  // name leaves the walk over its parents to the few names that do.
  const allowedEnds = new Set<string>();
  for (const host of allowed.keys()) allowedEnds.add(lastTwoLabels(host));
  for (const [name, blocker] of blocked) {
    if (!allowedEnds.has(lastTwoLabels(name))) continue;
    let conflict: DomainProblem | undefined;
    someSelfOrParent(name, (parent) => {
      const allowing = allowed.get(parent);
      if (allowing === undefined || allowing === blocker) return false;
      const path = pathOf(list, allowing, ['allow'], parent);
      conflict = {
        kind: 'name-conflict',
        path,
        message: `${path}: "${parent}" is allowed by ${label(allowing)} and covers "${name}", which ${label(blocker)} blocks; an allowed host outranks every block, so it would lift the other app's block`,
      };
      return true;
    });
    if (conflict !== undefined) return conflict;
  }
  return undefined;
}

/** `listHost` is the host of the URL the list is fetched from; compared as the browser's rules see it. */
export function findOwnHostBlocked(list: Blocklist, listHost: string): DomainProblem | undefined {
  const host = canonicalHost(listHost);
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
