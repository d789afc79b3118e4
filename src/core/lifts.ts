/**
 * Lifts (issue #15): an app the signed list names that this browser does not block for a while,
 * because the list grants an exception to one of the browser's policy groups until a set time, or
 * because an employee typed a break-glass override code signed for this browser (core/override-code.ts).
 *
 * Pure decisions: which lifts hold at a given time, which apps the rules then block, when the next
 * lift ends (the worker's alarm), and what the history says about lifts that ended. A lift exists
 * only while a verified, trusted list is in force; a distrusted list or the built-in floor lifts
 * nothing (the worker passes no exceptions and no overrides then).
 */
import type { ListException } from './blocklist/payload.ts';

export interface Lift {
  readonly app: string;
  /** The app's name as the list gives it, kept for the history once the app is gone from the list. */
  readonly name: string;
  readonly kind: 'exception' | 'override';
  /** YYYY-MM-DDTHH:MM:SSZ: blocked again from this instant. */
  readonly until: string;
  readonly reason?: string;
  /** An exception: the groups it names that this browser is in. */
  readonly groups?: readonly string[];
  /** An override: the ids of the pinned keys whose signatures verified. */
  readonly signers?: readonly string[];
}

export interface EndedLift extends Lift {
  /** When this browser blocked the app again. */
  readonly endedAt: string;
}

export const MAX_ENDED_LIFTS = 20;

type NamedApp = { readonly id: string; readonly name: string };

/** The exceptions that hold for a browser in `groups` at `now`, as lifts of apps the list names. */
export function exceptionLifts(exceptions: readonly ListException[], apps: readonly NamedApp[], groups: readonly string[], now: Date): Lift[] {
  const mine = new Set(groups);
  return exceptions.flatMap((exception) => {
    const app = apps.find((a) => a.id === exception.app);
    const matching = exception.groups.filter((g) => mine.has(g));
    if (app === undefined || matching.length === 0 || Date.parse(exception.until) <= now.getTime()) return [];
    return [{ app: app.id, name: app.name, kind: 'exception' as const, until: exception.until, reason: exception.reason, groups: matching }];
  });
}

/**
 * One lift per app, the one that lasts longest (an exception before an override that ends at the same
 * time: the organisation's decision is the one to name), for apps the list still names, in the list's
 * order. A lift that has ended is gone.
 */
export function liftsInForce(apps: readonly NamedApp[], candidates: readonly Lift[], now: Date): Lift[] {
  return apps.flatMap((app) => {
    const holding = candidates.filter((l) => l.app === app.id && Date.parse(l.until) > now.getTime());
    const best = holding.reduce<Lift | undefined>((a, b) => (a === undefined || Date.parse(b.until) > Date.parse(a.until) ? b : a), undefined);
    return best === undefined ? [] : [best];
  });
}

/** The apps whose rules are in force: all but the lifted ones. */
export function withoutLifted<T extends { readonly id: string }>(apps: readonly T[], lifts: readonly Pick<Lift, 'app'>[] | undefined): T[] {
  if (lifts === undefined || lifts.length === 0) return [...apps];
  const lifted = new Set(lifts.map((l) => l.app));
  return apps.filter((app) => !lifted.has(app.id));
}

/** When the worker must look again: the earliest end among the lifts in force. */
export function nextLiftEnd(lifts: readonly Pick<Lift, 'until'>[]): number | undefined {
  const ends = lifts.map((l) => Date.parse(l.until));
  return ends.length === 0 ? undefined : Math.min(...ends);
}

/** Whether two sets of lifts let the same apps through (what the rules depend on). */
export function sameLiftedApps(a: readonly Pick<Lift, 'app'>[] | undefined, b: readonly Pick<Lift, 'app'>[] | undefined): boolean {
  const ids = (l: readonly Pick<Lift, 'app'>[] | undefined) => [...new Set((l ?? []).map((x) => x.app))].sort().join(' ');
  return ids(a) === ids(b);
}

/**
 * The history of lifts that ended, newest first: the lifts in `previous` no longer in `next` end at
 * `at` (or at their own `until`, if that came first: a browser that was off at the time ends it then).
 */
export function nextEndedLifts(previous: readonly Lift[] | undefined, next: readonly Lift[], history: readonly EndedLift[] | undefined, at: Date): EndedLift[] {
  const still = new Set(next.map((l) => `${l.kind} ${l.app} ${l.until}`));
  const ended = (previous ?? [])
    .filter((l) => !still.has(`${l.kind} ${l.app} ${l.until}`))
    .map((l) => ({ ...l, endedAt: new Date(Math.min(at.getTime(), Date.parse(l.until))).toISOString() }));
  return [...ended, ...(history ?? [])].slice(0, MAX_ENDED_LIFTS);
}
