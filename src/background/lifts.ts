/**
 * Lifts' shell (issue #15): which apps this browser leaves unblocked for now, from the list's
 * exceptions for its policy groups and the override codes typed on the block page. The decisions are
 * core/lifts.ts and core/override-code.ts; this module reads storage, checks each stored code again
 * under the trust settings of the moment (a code whose signing key is no longer pinned stops at once),
 * forgets codes that no longer hold, and keeps one alarm at the next end.
 */
import browser from './browser-api.ts';
import { STORAGE_KEYS } from '../core/contract.ts';
import { exceptionLifts, liftsInForce, nextLiftEnd, type Lift } from '../core/lifts.ts';
import type { CordonState } from '../core/state.ts';
import { ensureInstallId } from './install-id.ts';
import { loadVerifier } from './load-verifier.ts';

export const LIFT_ALARM = 'lift-end';
const MAX_STORED_OVERRIDES = 20;

/** A code as typed, kept until it ends; checked again every time the rules are computed. */
export interface StoredOverride {
  readonly app: string;
  readonly code: string;
}

/** The pinned keys and threshold that decide, from the policy (or the list in force's record at start-up). */
export interface Trust {
  readonly trustedKeys: readonly string[];
  readonly threshold: number;
}

function readOverrides(value: unknown): StoredOverride[] {
  if (!Array.isArray(value)) return [];
  return value.filter((o): o is StoredOverride => typeof o === 'object' && o !== null && typeof o.app === 'string' && typeof o.code === 'string');
}

export async function loadOverrides(): Promise<StoredOverride[]> {
  return readOverrides((await browser.storage.local.get(STORAGE_KEYS.overrides))[STORAGE_KEYS.overrides]);
}

/** Keeps `code` for `app`, in place of any earlier code for the same app. */
export async function saveOverride(app: string, code: string): Promise<void> {
  const kept = (await loadOverrides()).filter((o) => o.app !== app);
  await browser.storage.local.set({ [STORAGE_KEYS.overrides]: [{ app, code }, ...kept].slice(0, MAX_STORED_OVERRIDES) });
}

/**
 * The lifts that hold for `state` at `now`. Only a trusted signed list can be lifted: the built-in
 * entries and a distrusted list's blocks never are.
 */
export async function liftsFor(state: CordonState, trust: Trust | undefined, now: Date): Promise<Lift[]> {
  if (state.source.kind !== 'signed' || state.distrusted !== undefined || state.list === undefined) return [];
  const candidates: Lift[] = exceptionLifts(state.list.exceptions ?? [], state.apps, state.groups ?? [], now);
  const stored = await loadOverrides();
  // Without the policy's trust settings (a policy error, not loaded yet) no code counts, but none is
  // forgotten either: only a code that no longer verifies, or has ended, is dropped from storage.
  if (stored.length > 0 && trust !== undefined) {
    const kept: StoredOverride[] = [];
    const installId = await ensureInstallId();
    const { verifyOverrideCode } = await loadVerifier();
    for (const override of stored) {
      const result = await verifyOverrideCode(override.code, { installId, appId: override.app, trustedKeys: trust.trustedKeys, threshold: trust.threshold, now });
      if (!result.ok) continue;
      kept.push(override);
      const app = state.apps.find((a) => a.id === override.app);
      if (app !== undefined) candidates.push({ app: app.id, name: app.name, kind: 'override', until: result.until, ...(result.reason === undefined ? {} : { reason: result.reason }), signers: result.signers });
    }
    if (kept.length !== stored.length) await browser.storage.local.set({ [STORAGE_KEYS.overrides]: kept });
  }
  return liftsInForce(state.apps, candidates, now);
}

let timer: ReturnType<typeof setTimeout> | undefined;
let onEnd: () => void = () => undefined;

/** What to run when a lift ends: the alarm's listener calls it too. */
export function onLiftEnd(handler: () => void): void {
  onEnd = handler;
}

/**
 * One alarm at the next lift's end (a past time fires at once), or none; and, while this worker is
 * awake, a timer for the same moment, since the browser may run an alarm up to a minute late.
 */
export async function scheduleLiftEnd(lifts: readonly Lift[]): Promise<void> {
  const when = nextLiftEnd(lifts);
  clearTimeout(timer);
  timer = undefined;
  if (when === undefined) {
    await browser.alarms.clear(LIFT_ALARM);
    return;
  }
  await browser.alarms.create(LIFT_ALARM, { when });
  const wait = when - Date.now();
  if (wait < 2 ** 31 - 1) timer = setTimeout(() => onEnd(), Math.max(0, wait) + 50);
}
