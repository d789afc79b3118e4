/**
 * The update cycle: read the policy, fetch, verify, compile, apply, record. One cycle at a time: every
 * trigger (install, start, policy change, alarm, "check now") queues behind the one running.
 *
 * The invariant: a failure of any kind changes nothing but the recorded problem. Rules change only
 * after a list has verified and compiled, and they change in one atomic call.
 */
import browser from 'webextension-polyfill';
import { verifyBlocklist, type VerifyContext, type VerifySuccess } from '../core/blocklist/verify.ts';
import { DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';
import { createExclusive } from '../core/exclusive.ts';
import { appsFromCatalogue, appsFromList, listInfoOf } from '../core/enforced.ts';
import { fetchList } from '../core/fetch-list.ts';
import { parsePolicy, type Policy } from '../core/policy.ts';
import { nextWithdrawn, type CordonState, type Problem, type ProblemCode } from '../core/state.ts';
import { compileForBrowser, compileVerifiedForBrowser, enforceRules, forgetAppliedRules } from './rules.ts';
import { readManagedPolicy } from './managed-policy.ts';
import { loadAccepted, loadAcceptedEnvelope, loadSchedule, loadState, saveAccepted, saveSchedule, saveState, type AcceptedList } from './storage.ts';

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

/** The built-in ruleset already holds exactly the default apps; anything else needs dynamic rules. */
function isDefaultSet(ids: readonly string[]): boolean {
  return ids.length === DEFAULT_BUILTIN_APP_IDS.length && DEFAULT_BUILTIN_APP_IDS.every((id) => ids.includes(id));
}

async function enforceBuiltin(ids: readonly string[]): Promise<boolean> {
  return isDefaultSet(ids) ? enforceRules([], true) : enforceRules(compileForBrowser(appsFromCatalogue(ids)), false);
}

const problem = (code: ProblemCode, message: string, at: string): Problem => ({ code, message, at });

function withPolicyText(state: CordonState, policy: { organization?: string; supportUrl?: string }): CordonState {
  const { organization: _o, supportUrl: _s, ...rest } = state;
  return {
    ...rest,
    ...(policy.organization === undefined ? {} : { organization: policy.organization }),
    ...(policy.supportUrl === undefined ? {} : { supportUrl: policy.supportUrl }),
  };
}

function withoutProblem(state: CordonState): CordonState {
  const { problem: _p, ...rest } = state;
  return rest;
}

/**
 * Verifies a stored envelope again. An expired list is checked as of its last valid instant: it must
 * stay enforced (stale) until a newer list arrives, never fall away because time passed.
 */
async function reverify(accepted: AcceptedList, envelope: string, now: Date): Promise<VerifySuccess | undefined> {
  const bytes = new TextEncoder().encode(envelope);
  const context: VerifyContext = { trustedKeys: accepted.trustedKeys, threshold: accepted.threshold, now };
  let result = await verifyBlocklist(bytes, context);
  if (!result.ok && result.reason === 'expired' && result.detail?.expiresAt) {
    result = await verifyBlocklist(bytes, { ...context, now: new Date(Date.parse(result.detail.expiresAt) - 1) });
  }
  return result.ok ? result : undefined;
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
    if (state.source.kind === 'builtin') {
      await enforceBuiltin(state.apps.map((app) => app.id));
      return;
    }
    const [accepted, envelope] = await Promise.all([loadAccepted(), loadAcceptedEnvelope()]);
    const verified = accepted && envelope !== undefined ? await reverify(accepted, envelope, new Date()) : undefined;
    if (!verified) {
      // Leave the rules exactly as they are: they were applied from a list that verified at the time.
      const at = new Date().toISOString();
      await saveState({ ...state, problem: problem('stored-list-invalid', 'The stored list no longer verifies; the rules in force are kept.', at) });
      return;
    }
    await enforceRules(compileVerifiedForBrowser(verified), false);
  } catch (error) {
    console.error('cordon: reconcile failed; rules left as they were', error);
  }
}

/** Whether `accepted` was verified under exactly this policy's source and trust settings. */
function acceptedUnder(accepted: AcceptedList, policy: Extract<Policy, { kind: 'signed' }>): boolean {
  const keys = (list: readonly string[]) => [...new Set(list)].sort().join(' ');
  return (
    accepted.url === policy.listUrl &&
    accepted.threshold === policy.threshold &&
    keys(accepted.trustedKeys) === keys(policy.trustedKeys) &&
    (policy.listId === undefined || policy.listId === accepted.listId)
  );
}

async function signedCycle(
  policy: Extract<Policy, { kind: 'signed' }>,
  previous: CordonState,
  now: Date,
): Promise<{ state: CordonState; failed: boolean; changed: boolean }> {
  const at = now.toISOString();
  const accepted = await loadAccepted();
  const fail = (code: ProblemCode, message: string) => ({
    state: { ...previous, lastCheck: { at, outcome: 'failed' as const }, problem: problem(code, message, at) },
    failed: true,
    changed: false,
  });

  // Validators only when the list in force came from this very URL and was accepted under the trust
  // settings in force now: a 304 then means "what you enforce, still trusted". After a key rotation
  // (a key dropped from trustedKeys, a higher threshold), the list is fetched in full and verified
  // against the new settings, so a list signed only by a removed key is never kept on a 304.
  const current =
    previous.source.kind === 'signed' &&
    previous.source.url === policy.listUrl &&
    accepted !== undefined &&
    acceptedUnder(accepted, policy);
  const fetched = await fetchList(policy.listUrl, current && accepted ? { validators: accepted.validators } : {});
  if (fetched.kind === 'failed') return fail(fetched.code, fetched.message);
  if (fetched.kind === 'not-modified') {
    return { state: withoutProblem({ ...previous, lastCheck: { at, outcome: 'unchanged' } }), failed: false, changed: false };
  }

  // Serials only order versions of one list: rollback protection applies within the same listId.
  const sameList = accepted !== undefined && (policy.listId === undefined || policy.listId === accepted.listId);
  const context: VerifyContext = {
    trustedKeys: policy.trustedKeys,
    threshold: policy.threshold,
    listHost: new URL(policy.listUrl).hostname,
    now,
    ...(policy.listId === undefined ? {} : { expectedListId: policy.listId }),
    ...(sameList && accepted ? { lastAccepted: { serial: accepted.serial, payloadSha256: accepted.payloadSha256 } } : {}),
  };
  const verified = await verifyBlocklist(fetched.bytes, context);
  if (!verified.ok) return fail(verified.reason, verified.message);

  // The exact bytes that verified, kept to verify again at start-up.
  const envelope = new TextDecoder().decode(fetched.bytes);
  const record: AcceptedList = {
    url: policy.listUrl,
    validators: fetched.validators,
    trustedKeys: policy.trustedKeys,
    threshold: policy.threshold,
    listId: verified.list.listId,
    serial: verified.list.serial,
    payloadSha256: verified.payloadSha256,
  };
  const apps = appsFromList(verified.list);
  const changesSource = previous.source.kind !== 'signed' || previous.source.url !== policy.listUrl;
  if (verified.status === 'unchanged' && !changesSource) {
    const state = withoutProblem({ ...previous, lastCheck: { at, outcome: 'unchanged' } });
    await saveAccepted(record, envelope, state);
    return { state, failed: false, changed: false };
  }

  try {
    await enforceRules(compileVerifiedForBrowser(verified), false);
  } catch (error) {
    return fail('apply-failed', `The browser refused the new rules; the previous ones stay in force (${String(error)}).`);
  }
  const state: CordonState = withoutProblem({
    ...previous,
    source: { kind: 'signed', url: policy.listUrl },
    apps,
    withdrawn: nextWithdrawn(previous.apps, apps, previous.withdrawn, at),
    list: listInfoOf(verified.list, verified.signers),
    lastCheck: { at, outcome: 'updated' },
    lastChange: at,
  });
  await saveAccepted(record, envelope, state);
  return { state, failed: false, changed: true };
}

async function builtinCycle(ids: readonly string[], previous: CordonState, now: Date) {
  const at = now.toISOString();
  const apps = appsFromCatalogue(ids);
  const changed = await enforceBuiltin(ids);
  const sameApps = previous.source.kind === 'builtin' && JSON.stringify(previous.apps.map((a) => a.id)) === JSON.stringify(ids);
  const { list: _list, ...rest } = previous;
  const state: CordonState = withoutProblem({
    ...rest,
    source: { kind: 'builtin' },
    apps,
    withdrawn: nextWithdrawn(previous.apps, apps, previous.withdrawn, at),
    lastCheck: { at, outcome: 'builtin' },
    ...(changed || !sameApps ? { lastChange: at } : {}),
  });
  return { state, failed: false, changed: changed || !sameApps };
}

/** One full cycle. Never throws: whatever goes wrong is recorded in the state it returns. */
export async function runCycle(trigger: Trigger): Promise<CycleResult> {
  const now = new Date();
  const at = now.toISOString();
  const installed = await installedByAdmin();
  const previous: CordonState = { ...((await loadState()) ?? builtinState(installed)), installedByAdmin: installed };
  const parsed = parsePolicy(await readManagedPolicy());
  const refreshMinutes = parsed.ok ? parsed.policy.refreshMinutes : 60;

  let outcome: { state: CordonState; failed: boolean; changed: boolean };
  try {
    if (!parsed.ok) {
      outcome = {
        state: { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('policy-invalid', parsed.errors.join('; '), at) },
        failed: true,
        changed: false,
      };
    } else {
      const policy = parsed.policy;
      if (policy.kind === 'signed') outcome = await signedCycle(policy, previous, now);
      else if (policy.kind === 'builtin') outcome = await builtinCycle(policy.builtinApps, previous, now);
      else if (previous.source.kind === 'signed') {
        // No policy visible. A force-installed extension sees an empty policy for seconds after start,
        // and a removed policy must not lift a ban either: the last verified list stays in force.
        const quiet = trigger === 'install' || trigger === 'startup';
        outcome = {
          state: quiet
            ? previous
            : { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('policy-missing', 'No organisation policy is visible; the last verified list stays in force.', at) },
          failed: !quiet,
          changed: false,
        };
      } else outcome = await builtinCycle(DEFAULT_BUILTIN_APP_IDS, previous, now);
      outcome = { ...outcome, state: withPolicyText(outcome.state, policy) };
    }
  } catch (error) {
    outcome = {
      state: { ...previous, lastCheck: { at, outcome: 'failed' }, problem: problem('apply-failed', String(error), at) },
      failed: true,
      changed: false,
    };
  }

  await saveState(outcome.state);
  const schedule = await loadSchedule();
  await saveSchedule({ failures: outcome.failed ? schedule.failures + 1 : 0 });
  console.info(`cordon: cycle (${trigger}): ${outcome.state.lastCheck?.outcome ?? 'none'}${outcome.state.problem ? ` — ${outcome.state.problem.code}` : ''}`);
  return { state: outcome.state, failed: outcome.failed, refreshMinutes, changed: outcome.changed };
}
