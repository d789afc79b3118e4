/**
 * What the admin wants to know from the fleet's status records: which browsers report, which serial
 * each holds, which are stale or failing and why, which went quiet, and how fast the newest serial (a
 * new ban, or a retraction) reached the browsers. Pure: observations and times in, numbers out.
 */
import type { Health, StatusObservation } from './observations.ts';

export interface Uptake {
  readonly listId: string;
  readonly serial: number;
  /** The first report of this serial anywhere: the nearest the records come to when it was published. */
  readonly firstSeen: number;
  /** Browsers seen in the window that reported this serial or a later one, and how many were seen. */
  readonly holding: number;
  readonly of: number;
  /** Milliseconds from `firstSeen` until this share of the browsers seen held it; undefined: not yet. */
  readonly after: { readonly 50?: number; readonly 90?: number; readonly 99?: number };
  /** [time, share held] at each browser that took it, for a chart. */
  readonly curve: readonly (readonly [number, number])[];
}

export interface QuietBrowser {
  readonly install: string;
  readonly label?: string;
  readonly lastSeen: number;
  readonly listId?: string;
  readonly serial?: number;
}

export interface FleetSummary {
  readonly from: number;
  readonly to: number;
  /** Browsers with at least one status record in the window. */
  readonly seen: number;
  readonly health: Readonly<Record<Health, number>>;
  /** Latest serial each browser seen reported, most browsers first. */
  readonly serials: readonly { readonly listId?: string; readonly serial?: number; readonly browsers: number }[];
  readonly problems: readonly { readonly code: string; readonly browsers: number }[];
  readonly quiet?: { readonly since: number; readonly browsers: readonly QuietBrowser[] };
  /** Browsers seen whose latest report is stale or has a problem, the oldest report first. */
  readonly attention: readonly (QuietBrowser & { readonly health: Health; readonly problem?: string })[];
  readonly newest?: Uptake;
  /** The newest serials of that list (newest first, at most RECENT_SERIALS), each with its uptake. */
  readonly recent: readonly Uptake[];
}

export const RECENT_SERIALS = 3;

export interface SummaryOptions {
  readonly now: number;
  readonly windowMs: number;
  /** List browsers whose last record is older than this (ms since the epoch). */
  readonly quietSince?: number;
}

const SHARES = [50, 90, 99] as const;

/** The latest observation of each install, among `observations`. */
function latestByInstall(observations: readonly StatusObservation[]): Map<string, StatusObservation> {
  const latest = new Map<string, StatusObservation>();
  for (const o of observations) {
    const seen = latest.get(o.install);
    if (seen === undefined || o.at >= seen.at) latest.set(o.install, o);
  }
  return latest;
}

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};

export function summarize(observations: readonly StatusObservation[], options: SummaryOptions): FleetSummary {
  const to = options.now;
  const from = to - options.windowMs;
  const inWindow = observations.filter((o) => o.at > from && o.at <= to);
  const latest = [...latestByInstall(inWindow).values()];

  const health: Record<Health, number> = { current: 0, stale: 0, error: 0 };
  for (const o of latest) health[o.health]++;
  const serials = [...countBy(latest, (o) => JSON.stringify([o.listId ?? null, o.serial ?? null]))]
    .map(([key, browsers]) => {
      const [listId, serial] = JSON.parse(key) as [string | null, number | null];
      return { ...(listId === null ? {} : { listId }), ...(serial === null ? {} : { serial }), browsers };
    })
    .sort((a, b) => b.browsers - a.browsers || (b.serial ?? 0) - (a.serial ?? 0));
  const problems = [...countBy(latest.filter((o) => o.problem !== undefined), (o) => o.problem as string)]
    .map(([code, browsers]) => ({ code, browsers }))
    .sort((a, b) => b.browsers - a.browsers || a.code.localeCompare(b.code));

  let quiet: FleetSummary['quiet'];
  if (options.quietSince !== undefined) {
    const since = options.quietSince;
    const everLatest = latestByInstall(observations.filter((o) => o.at <= to));
    const browsers = [...everLatest.values()]
      .filter((o) => o.at < since)
      .sort((a, b) => a.at - b.at)
      .map((o) => ({ install: o.install, ...(o.label === undefined ? {} : { label: o.label }), lastSeen: o.at, ...(o.listId === undefined ? {} : { listId: o.listId }), ...(o.serial === undefined ? {} : { serial: o.serial }) }));
    quiet = { since, browsers };
  }

  const attention = latest
    .filter((o) => o.health !== 'current')
    .sort((a, b) => a.at - b.at)
    .map((o) => ({
      install: o.install,
      ...(o.label === undefined ? {} : { label: o.label }),
      lastSeen: o.at,
      ...(o.listId === undefined ? {} : { listId: o.listId }),
      ...(o.serial === undefined ? {} : { serial: o.serial }),
      health: o.health,
      ...(o.problem === undefined ? {} : { problem: o.problem }),
    }));
  const recent = recentUptakes(observations.filter((o) => o.at <= to), latest);
  const newest = recent[0];
  return { from, to, seen: latest.length, health, serials, problems, ...(quiet === undefined ? {} : { quiet }), attention, ...(newest === undefined ? {} : { newest }), recent };
}

/**
 * The newest serials of the list most browsers seen hold, and for each when every browser seen first
 * reported it (or a later serial). The share is of the browsers seen in the window: a browser switched
 * off all day is in the quiet list, not in the denominator.
 */
function recentUptakes(observations: readonly StatusObservation[], seen: readonly StatusObservation[]): Uptake[] {
  const lists = countBy(seen.filter((o) => o.listId !== undefined), (o) => o.listId as string);
  const listId = [...lists].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (listId === undefined) return [];
  const ofList = observations.filter((o) => o.listId === listId && o.serial !== undefined);
  const serials = [...new Set(ofList.map((o) => o.serial as number))].sort((a, b) => b - a).slice(0, RECENT_SERIALS);
  const population = new Set(seen.map((o) => o.install));
  return serials.map((serial) => uptakeOf(listId, serial, ofList, population));
}

function uptakeOf(listId: string, serial: number, ofList: readonly StatusObservation[], population: ReadonlySet<string>): Uptake {
  const holding = ofList.filter((o) => (o.serial as number) >= serial);
  let firstSeen = Infinity;
  const firstByInstall = new Map<string, number>();
  for (const o of holding) {
    if (o.at < firstSeen) firstSeen = o.at;
    if (!population.has(o.install)) continue;
    const t = firstByInstall.get(o.install);
    if (t === undefined || o.at < t) firstByInstall.set(o.install, o.at);
  }
  const times = [...firstByInstall.values()].sort((a, b) => a - b);
  const of = population.size;
  const after: { 50?: number; 90?: number; 99?: number } = {};
  for (const share of SHARES) {
    const needed = Math.ceil((share / 100) * of);
    const t = needed > 0 ? times[needed - 1] : undefined;
    if (t !== undefined) after[share] = t - firstSeen;
  }
  return { listId, serial, firstSeen, holding: times.length, of, after, curve: times.map((t, i) => [t, (i + 1) / of] as const) };
}
