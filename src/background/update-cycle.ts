/**
 * The update cycle's shell: read the policy and what is stored, fetch, verify, then let the pure
 * decisions in core/cycle.ts say what to enforce and record, and do it. One cycle at a time: every
 * trigger (install, start, policy change, alarm, "check now") queues behind the one running.
 *
 * The invariant: rules change only to what a decision names (a list that verified under the current
 * trust settings, or the fail-closed fallback), in one atomic call, and only if the policy that
 * decision was made under is still the policy when the rules are applied.
 */
import browser from './browser-api.ts';
import { DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';
import {
  assessStoredList,
  decideBuiltinCycle,
  decideSignedCycle,
  fetchedListContext,
  listHostProblem,
  validatorsToSend,
  verifyStored,
  type Attempt,
  type CycleDecision,
  type Enforcement,
  type VerifyBlocklist,
} from '../core/cycle.ts';
import { createExclusive } from '../core/exclusive.ts';
import { appsFromCatalogue } from '../core/enforced.ts';
import { fetchList } from '../core/fetch-list.ts';
import { hostOf } from '../core/host.ts';
import { parsePolicy, type Policy, type PolicyResult } from '../core/policy.ts';
import { decisionTime, withLifts, type CordonState, type Problem, type ReportingNotice } from '../core/state.ts';
import { sameLiftedApps, withoutLifted, type Lift } from '../core/lifts.ts';
import { liftsFor, scheduleLiftEnd, type Trust } from './lifts.ts';
import { parseReporting, reportingNotice } from '../core/reporting/settings.ts';
import { compileForBrowser, compileVerifiedForBrowser, enforceRules, forgetAppliedRules } from './rules.ts';
import { readManagedPolicy } from './managed-policy.ts';
import { loadVerifier, VerifierUnavailable } from './load-verifier.ts';
import { loadAccepted, loadAcceptedEnvelope, loadSchedule, loadState, saveAccepted, saveSchedule, saveState } from './storage.ts';
import { sameJson } from '../core/same-json.ts';

/** Verifies with the verifier, loaded only now that something must be verified. */
const verifyLazily: VerifyBlocklist = async (bytes, context) => (await loadVerifier()).verifyBlocklist(bytes, context);

export type Trigger = 'install' | 'startup' | 'policy-change' | 'alarm' | 'check-now';

export interface CycleResult {
  readonly state: CordonState;
  /** Whether the next check is a retry after a failure (backoff) or a normal refresh. */
  readonly failed: boolean;
  readonly refreshMinutes: number;
  /** Whether the enforced apps changed, so open tabs need checking again. */
  readonly changed: boolean;
}

/** Every cycle and reconcile runs through this one queue. */
export const exclusive = createExclusive();

/** A policy that keeps changing while cycles run is re-read this many times before a cycle gives up. */
const MAX_RERUNS = 3;

async function installedByAdmin(): Promise<boolean> {
  try {
    return (await browser.management.getSelf()).installType === 'admin';
  } catch {
    return false;
  }
}

function builtinState(installed: boolean): CordonState {
  return { schema: 1, source: { kind: 'builtin' }, apps: appsFromCatalogue(DEFAULT_BUILTIN_APP_IDS), withdrawn: [], installedByAdmin: installed };
}

const DEFAULT_APPS = appsFromCatalogue(DEFAULT_BUILTIN_APP_IDS);

/** The host no rule may block: where the list comes from. */
const keepReachable = (url: string | undefined): string[] => {
  const host = url === undefined ? undefined : hostOf(url);
  return host === undefined ? [] : [host];
};

/** Makes the browser enforce `enforcement`, leaving out the lifted apps; true when any rule changed. */
async function apply(enforcement: Enforcement, listUrl: string | undefined, lifts: readonly Lift[] = []): Promise<boolean> {
  const keep = keepReachable(listUrl);
  if (enforcement.kind === 'list') {
    const { verified } = enforcement;
    const list = lifts.length === 0 ? verified.list : { ...verified.list, apps: withoutLifted(verified.list.apps, lifts) };
    return enforceRules(compileVerifiedForBrowser({ ...verified, list }, keep), false);
  }
  const apps = withoutLifted(enforcement.apps, lifts);
  // The static built-in ruleset already holds exactly the default apps.
  if (sameJson(apps, DEFAULT_APPS)) return enforceRules([], true);
  return enforceRules(compileForBrowser(apps, keep), false);
}

/**
 * The decision with this browser's lifts (core/lifts.ts) recorded in its state, and rules to apply
 * when the lifted apps change even though the list did not (an exception ended, a group was added).
 */
async function withLiftsDecided(decision: CycleDecision, previous: CordonState, trust: Trust | undefined, now: Date): Promise<{ decision: CycleDecision; lifts: Lift[] }> {
  const lifts = await liftsFor(decision.state, trust, decisionTime(decision.state, now));
  const moved = !sameLiftedApps(previous.lifts, lifts);
  const enforce = decision.enforce ?? (moved ? ({ kind: 'apps', apps: decision.state.apps } as const) : undefined);
  return {
    decision: { ...decision, state: withLifts(decision.state, lifts, now), ...(enforce === undefined ? {} : { enforce }), changed: decision.changed || moved },
    lifts,
  };
}

const problem = (code: Problem['code'], message: string, at: string): Problem => ({ code, message, at });

function withReportingNotice(state: CordonState, notice: ReportingNotice | undefined): CordonState {
  const { reporting: _r, ...rest } = state;
  return notice === undefined ? rest : { ...rest, reporting: notice };
}

function withPolicyText(state: CordonState, policy: { organization?: string; supportUrl?: string; groups: readonly string[] }): CordonState {
  const { organization: _o, supportUrl: _s, groups: _g, ...rest } = state;
  return {
    ...rest,
    ...(policy.organization === undefined ? {} : { organization: policy.organization }),
    ...(policy.supportUrl === undefined ? {} : { supportUrl: policy.supportUrl }),
    ...(policy.groups.length === 0 ? {} : { groups: policy.groups }),
  };
}

/**
 * At browser start or install: make the rules match what is stored, before any network or policy.
 * Dynamic rules survive restarts on their own; this repairs a cycle cut short between applying rules
 * and recording them.
 */
export async function reconcile(): Promise<void> {
  forgetAppliedRules(); // compare with the browser's own rules, whatever this worker remembers
  const state = await loadState();
  if (state === undefined) return;
  try {
    const listUrl = state.source.kind === 'signed' ? state.source.url : undefined;
    if (state.source.kind === 'builtin' || state.distrusted !== undefined) {
      // The built-in entries, or the fail-closed fallback: apps the worker itself assembled. Nothing is lifted.
      await apply({ kind: 'apps', apps: state.apps }, listUrl);
      if (state.lifts !== undefined) await saveState(withLifts(state, [], new Date()));
      await scheduleLiftEnd([]);
      return;
    }
    const [accepted, envelope] = await Promise.all([loadAccepted(), loadAcceptedEnvelope()]);
    const result =
      accepted && envelope !== undefined
        ? await verifyStored(envelope, { trustedKeys: accepted.trustedKeys, threshold: accepted.threshold, expectedListId: accepted.listId, now: new Date(), checkNames: false }, verifyLazily)
        : undefined;
    if (!result?.ok) {
      // Leave the rules exactly as they are: they were applied from a list that verified at the time.
      const at = new Date().toISOString();
      await saveState({ ...state, problem: problem('stored-list-invalid', 'The stored list no longer verifies; the rules in force are kept.', at) });
      return;
    }
    // What is lifted is decided again now: an exception or a code may have ended while the browser was closed.
    const now = new Date();
    const lifts = await liftsFor(state, accepted, decisionTime(state, now));
    await apply({ kind: 'list', verified: result }, listUrl, lifts);
    if (!sameJson(state.lifts ?? [], lifts)) {
      await saveState({ ...withLifts(state, lifts, now), ...(sameLiftedApps(state.lifts, lifts) ? {} : { lastChange: now.toISOString() }) });
    }
    await scheduleLiftEnd(lifts);
  } catch (error) {
    console.error('cordon: reconcile failed; rules left as they were', error);
  }
}

/**
 * When a lift ends (its alarm), or an override code was accepted: the rules again, with the lifts that
 * hold now, and no network. The apps stay those of the list in force, as recorded when it verified.
 */
export async function refreshLifts(): Promise<{ state: CordonState | undefined; changed: boolean }> {
  const state = await loadState();
  if (state === undefined) return { state, changed: false };
  const now = new Date();
  const accepted = await loadAccepted();
  const lifts = await liftsFor(state, accepted, decisionTime(state, now));
  await scheduleLiftEnd(lifts);
  if (sameJson(state.lifts ?? [], lifts)) return { state, changed: false };
  const moved = !sameLiftedApps(state.lifts, lifts);
  const listUrl = state.source.kind === 'signed' ? state.source.url : undefined;
  try {
    if (moved) await apply({ kind: 'apps', apps: state.apps }, listUrl, lifts);
  } catch (error) {
    // Rules unchanged: what was lifted stays lifted until the next cycle manages; said in the state.
    const next = { ...state, problem: problem('apply-failed', `The browser refused the rules for a change of exceptions (${String(error)}).`, now.toISOString()) };
    await saveState(next);
    return { state: next, changed: false };
  }
  const next = { ...withLifts(state, lifts, now), ...(moved ? { lastChange: now.toISOString() } : {}) };
  await saveState(next);
  return { state: next, changed: moved };
}

/** Fetches and verifies as the decisions say, then decides: what the list server said, verified where it sent a list. */
async function signedDecision(settings: Extract<Policy, { kind: 'signed' }>, previous: CordonState, now: Date): Promise<CycleDecision> {
  const accepted = await loadAccepted();
  const trust = await assessStoredList(settings, previous, accepted, loadAcceptedEnvelope, now, verifyLazily);
  let attempt: Attempt;
  const hostProblem = listHostProblem(settings, previous.apps);
  if (hostProblem !== undefined) {
    attempt = { kind: 'skipped', code: 'list-host-blocked', message: hostProblem };
  } else {
    const validators = validatorsToSend(accepted, trust);
    const fetched = await fetchList(settings.listUrl, validators === undefined ? {} : { validators });
    if (fetched.kind === 'failed') attempt = fetched;
    else if (fetched.kind === 'not-modified') attempt = { kind: 'not-modified', validatorsSent: validators !== undefined };
    else {
      const verifier = await loadVerifier();
      await verifier.ensureSuffixRules();
      const result = await verifier.verifyBlocklist(fetched.bytes, fetchedListContext(settings, accepted, trust, now));
      // A list that verifies carries its exact text (envelopeText), kept to verify again at start-up and after a policy change.
      attempt = { kind: 'verified', result, validators: fetched.validators };
    }
  }
  return decideSignedCycle({ settings, previous, accepted, trust, attempt, now });
}

const fingerprint = (parsed: PolicyResult) => JSON.stringify(parsed);

/** One attempt at a cycle; 'superseded' when the policy changed before its result could be applied. */
async function attemptCycle(trigger: Trigger, lastTry: boolean): Promise<CycleResult | 'superseded'> {
  const now = new Date();
  const at = now.toISOString();
  const installed = await installedByAdmin();
  const previous: CordonState = { ...((await loadState()) ?? builtinState(installed)), installedByAdmin: installed };
  const raw = await readManagedPolicy();
  const parsed = parsePolicy(raw);
  const refreshMinutes = parsed.ok ? parsed.policy.refreshMinutes : 60;

  let decision: CycleDecision;
  let listUrl: string | undefined;
  if (!parsed.ok) {
    decision = { state: { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('policy-invalid', parsed.errors.join('; '), at) }, failed: true, changed: false };
  } else {
    const policy = parsed.policy;
    if (policy.kind === 'signed') {
      listUrl = policy.listUrl;
      decision = await signedDecision(policy, previous, now);
    } else if (policy.kind === 'builtin') {
      decision = decideBuiltinCycle(policy.builtinApps, previous, now);
    } else if (previous.source.kind === 'signed') {
      // No policy visible. A force-installed extension sees an empty policy for seconds after start,
      // and a removed policy must not lift a ban either: what is in force stays in force.
      listUrl = previous.source.url;
      const quiet = trigger === 'install' || trigger === 'startup';
      decision = {
        state: quiet
          ? previous
          : { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('policy-missing', 'No organisation policy is visible; the last verified list stays in force.', at) },
        failed: !quiet,
        changed: false,
      };
    } else {
      decision = decideBuiltinCycle(DEFAULT_BUILTIN_APP_IDS, previous, now);
    }
    decision = { ...decision, state: withPolicyText(decision.state, policy) };
  }
  decision = { ...decision, state: withReportingNotice(decision.state, reportingNotice(parseReporting(raw))) };
  // The keys that judge override codes: the policy's; while no policy is visible (a force-installed
  // browser's first seconds, a removed policy) the list in force stays, and so do the keys it was accepted under.
  const trust =
    parsed.ok && parsed.policy.kind === 'signed' ? parsed.policy : parsed.ok && parsed.policy.kind === 'none' && previous.source.kind === 'signed' ? await loadAccepted() : undefined;
  const decided = await withLiftsDecided(decision, previous, trust, now);
  decision = decided.decision;

  // The trust settings must still be the ones this decision was made under when rules change: a cycle
  // that read the policy before an admin removed a key must not apply what only that key vouched for.
  if (decision.enforce !== undefined || decision.accept !== undefined) {
    const now2 = fingerprint(parsePolicy(await readManagedPolicy()));
    if (now2 !== fingerprint(parsed)) {
      if (!lastTry) return 'superseded';
      decision = {
        state: { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('policy-invalid', 'The policy kept changing during the update; nothing was applied. It will be tried again.', at) },
        failed: true,
        changed: false,
      };
    }
  }

  let state = decision.state;
  let changed = decision.changed;
  let failed = decision.failed;
  let stored = false;
  try {
    if (decision.enforce !== undefined) {
      const rulesChanged = await apply(decision.enforce, listUrl, decided.lifts);
      if (rulesChanged && !changed) {
        changed = true;
        state = { ...state, lastChange: at };
      }
    }
    if (decision.accept !== undefined) {
      await saveAccepted(decision.accept.record, decision.accept.envelope, state);
      stored = true;
    }
  } catch (error) {
    state = {
      ...previous,
      lastCheck: { at, outcome: 'failed' },
      problem: problem('apply-failed', `The browser refused the new rules; the previous ones stay in force (${String(error)}).`, at),
    };
    changed = false;
    failed = true;
  }
  if (!stored) await saveState(state);
  await scheduleLiftEnd(state.lifts ?? []);
  const schedule = await loadSchedule();
  await saveSchedule({ failures: failed ? schedule.failures + 1 : 0 });
  console.info(`cordon: cycle (${trigger}): ${state.lastCheck?.outcome ?? 'none'}${state.problem ? ` — ${state.problem.code}` : ''}${state.distrusted ? ' — list distrusted' : ''}`);
  return { state, failed, refreshMinutes, changed };
}

/** One full cycle. Never throws: whatever goes wrong is recorded in the state it returns. */
export async function runCycle(trigger: Trigger): Promise<CycleResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await attemptCycle(trigger, attempt >= MAX_RERUNS);
      if (result !== 'superseded') return result;
    } catch (error) {
      const previous = (await loadState().catch(() => undefined)) ?? builtinState(false);
      const at = new Date().toISOString();
      const failure = error instanceof VerifierUnavailable ? problem('verifier-unavailable', error.message, at) : problem('apply-failed', String(error), at);
      const state: CordonState = { ...previous, lastCheck: { at, outcome: 'failed' }, problem: failure };
      await saveState(state).catch(() => undefined);
      return { state, failed: true, refreshMinutes: 60, changed: false };
    }
  }
}
