/**
 * The update cycle's decisions, as pure functions: given the policy, what is stored and what the list
 * server answered, what to enforce and what to record. The service worker (src/background/
 * update-cycle.ts) only reads browser state, calls these, and performs the result; unit tests run
 * every rule here without a browser or root.
 *
 * The rules that matter most:
 * - Only a list that verifies under the *current* trust settings (pinned keys, threshold, listId) is
 *   trusted. When the settings change, the list in force is verified again; if it no longer verifies
 *   it is "distrusted": its blocks stay (as blocks only) together with the policy's built-in floor,
 *   and nothing it lifted or warned about is honoured. A removed key's list can never unblock anything.
 * - A 304 means "unchanged" only as the answer to the validators of a list accepted under exactly
 *   these settings. A 304 to a request without validators is a server fault.
 * - Rollback protection compares serials only with a list that is still trusted: serials a removed key
 *   signed do not hold the floor against the admin's list under the new key.
 */
import { findCatalogueApp } from './catalogue/index.ts';
import { pruneSubdomains } from './domain.ts';
import { appsFromCatalogue, appsFromList, listInfoOf } from './enforced.ts';
import type { FetchOutcome, Validators } from './fetch-list.ts';
import { canonicalHost, hostOf } from './host.ts';
import { blocksHost } from './match.ts';
import type { SignedSettings } from './policy.ts';
import { nextSeenAt, nextWithdrawn, type CordonState, type EnforcedApp, type Problem, type ProblemCode } from './state.ts';
import type { verifyBlocklist, VerifyContext, VerifyResult, VerifySuccess } from './blocklist/verify.ts';
import { sameJson } from './same-json.ts';

/** The record of the list in force, kept beside its exact envelope text in storage. */
export interface AcceptedList {
  readonly url: string;
  readonly validators: Validators;
  /** The trust settings it was last verified under. */
  readonly trustedKeys: readonly string[];
  readonly threshold: number;
  readonly listId: string;
  readonly serial: number;
  readonly payloadSha256: string;
}

/** Whether `accepted` was verified under exactly these settings, at this URL. */
export function acceptedUnder(accepted: AcceptedList, settings: SignedSettings): boolean {
  const keys = (list: readonly string[]) => [...new Set(list)].sort().join(' ');
  return (
    accepted.url === settings.listUrl &&
    accepted.threshold === settings.threshold &&
    keys(accepted.trustedKeys) === keys(settings.trustedKeys) &&
    accepted.listId === settings.listId
  );
}

/** How the list in force stands under the current settings, found before any network. */
export type StoredTrust =
  /** No list has been accepted on this browser. */
  | { readonly kind: 'none' }
  /** Accepted under exactly these settings and enforced as such: nothing to check again. */
  | { readonly kind: 'current' }
  /** Verified again just now under changed settings (or to end a distrusted spell): still good. */
  | { readonly kind: 'trusted'; readonly verified: VerifySuccess }
  /** It does not verify under the current settings. */
  | { readonly kind: 'distrusted'; readonly failure: Extract<VerifyResult, { ok: false }> };

/**
 * The verifier, passed in: the worker loads it only when something must be verified
 * (background/load-verifier.ts), the CLI and the tests call it directly.
 */
export type VerifyBlocklist = typeof verifyBlocklist;

/**
 * Verifies a stored envelope under `context`. An expired list is checked as of its last valid instant:
 * it must stay enforced (stale) until a newer list arrives, never fall away because time passed. The
 * caller passes `checkNames: false` for a list this browser accepted with every check (its names are
 * what they were; signatures, threshold and listId are what a change of trust is about).
 */
export async function verifyStored(envelope: string, context: VerifyContext, verify: VerifyBlocklist): Promise<VerifyResult> {
  const bytes = new TextEncoder().encode(envelope);
  const result = await verify(bytes, context);
  if (!result.ok && result.reason === 'expired' && result.detail?.expiresAt) {
    return verify(bytes, { ...context, now: new Date(Date.parse(result.detail.expiresAt) - 1) });
  }
  return result;
}

/**
 * How the stored list stands under `settings`. The envelope (hundreds of kilobytes for a large list) is
 * read only when it must be verified again: after a change of settings or to end a distrusted spell.
 */
export async function assessStoredList(
  settings: SignedSettings,
  previous: Pick<CordonState, 'distrusted'>,
  accepted: AcceptedList | undefined,
  loadEnvelope: () => Promise<string | undefined>,
  now: Date,
  verify: VerifyBlocklist,
): Promise<StoredTrust> {
  if (accepted === undefined) return { kind: 'none' };
  if (acceptedUnder(accepted, settings) && previous.distrusted === undefined) return { kind: 'current' };
  const envelope = await loadEnvelope();
  if (envelope === undefined) return { kind: 'none' };
  const context = { trustedKeys: settings.trustedKeys, threshold: settings.threshold, expectedListId: settings.listId, now, checkNames: false };
  const result = await verifyStored(envelope, context, verify);
  return result.ok ? { kind: 'trusted', verified: result } : { kind: 'distrusted', failure: result };
}

/** Validators go only with a list accepted under exactly these settings: a 304 then means "still that". */
export function validatorsToSend(accepted: AcceptedList | undefined, trust: StoredTrust): Validators | undefined {
  return trust.kind === 'current' && accepted !== undefined ? accepted.validators : undefined;
}

/** The verifier's input for a fetched list. */
export function fetchedListContext(settings: SignedSettings, accepted: AcceptedList | undefined, trust: StoredTrust, now: Date): VerifyContext {
  // Serials only order versions of one list, and only a trusted list's serial is a floor.
  const floor = accepted !== undefined && accepted.listId === settings.listId && (trust.kind === 'current' || trust.kind === 'trusted');
  const listHost = hostOf(settings.listUrl);
  return {
    trustedKeys: settings.trustedKeys,
    threshold: settings.threshold,
    expectedListId: settings.listId,
    now,
    ...(listHost === undefined ? {} : { listHost }),
    ...(floor && accepted ? { lastAccepted: { serial: accepted.serial, payloadSha256: accepted.payloadSha256 } } : {}),
  };
}

/**
 * What stands while no trusted list decides: the policy's floor of catalogue entries, merged with the
 * blocks of a distrusted list. An app named in both keeps every name of both; a distrusted list's
 * warnings and allowed hosts are dropped, since they could only ever lift a block.
 */
export function fallbackApps(floorIds: readonly string[], distrustedApps: readonly EnforcedApp[] = []): EnforcedApp[] {
  const merged = new Map<string, EnforcedApp>();
  const add = (app: EnforcedApp) => {
    const blockOnly: EnforcedApp = { id: app.id, name: app.name, domains: app.domains, ...(app.hosts ? { hosts: app.hosts } : {}), mode: 'block', reason: app.reason, ...(app.since ? { since: app.since } : {}) };
    const earlier = merged.get(app.id);
    if (!earlier) {
      merged.set(app.id, blockOnly);
      return;
    }
    const hosts = pruneSubdomains([...(earlier.hosts ?? []), ...(app.hosts ?? [])]);
    merged.set(app.id, { ...earlier, domains: pruneSubdomains([...earlier.domains, ...app.domains]), ...(hosts.length > 0 ? { hosts } : {}) });
  };
  distrustedApps.forEach(add);
  appsFromCatalogue(floorIds.filter((id) => findCatalogueApp(id) !== undefined)).forEach(add);
  return [...merged.values()];
}

/** A policy error found before fetching: the list URL's host is one the rules in force block. */
export function listHostProblem(settings: SignedSettings, enforced: readonly EnforcedApp[]): string | undefined {
  const host = hostOf(settings.listUrl);
  if (host === undefined) return undefined;
  const app = enforced.find((a) => blocksHost(a, canonicalHost(host)));
  return app === undefined
    ? undefined
    : `listUrl points at ${host}, which the rules in force block (app "${app.id}"): the browser could never fetch a list from there. Publish the list on a host no app blocks.`;
}

/** What the worker must make the browser enforce. */
export type Enforcement =
  /** A list that just verified: compile it as verified. */
  | { readonly kind: 'list'; readonly verified: VerifySuccess }
  /** Apps not from a freshly verified list (the floor, a distrusted list's blocks): compile with checks. */
  | { readonly kind: 'apps'; readonly apps: readonly EnforcedApp[] };

export interface CycleDecision {
  /** Rules to apply, or undefined to leave the rules in force exactly as they are. */
  readonly enforce?: Enforcement;
  /** The accepted record and envelope to store with the state, when a list was (re)accepted. */
  readonly accept?: { readonly record: AcceptedList; readonly envelope: string };
  readonly state: CordonState;
  /** Whether this was a failure (for backoff). */
  readonly failed: boolean;
  /** Whether the enforced apps changed, so open tabs need checking again. */
  readonly changed: boolean;
}

/** What the list server answered, after verification where there was a body. */
export type Attempt =
  | { readonly kind: 'skipped'; readonly code: ProblemCode; readonly message: string }
  | Extract<FetchOutcome, { kind: 'failed' }>
  | { readonly kind: 'not-modified'; readonly validatorsSent: boolean }
  | { readonly kind: 'verified'; readonly result: VerifyResult; readonly validators: Validators };

export interface SignedCycleInput {
  readonly settings: SignedSettings;
  readonly previous: CordonState;
  readonly accepted: AcceptedList | undefined;
  readonly trust: StoredTrust;
  readonly attempt: Attempt;
  readonly now: Date;
}

const problemAt = (code: ProblemCode, message: string, at: string): Problem => ({ code, message, at });

function without(state: CordonState, ...keys: readonly ('problem' | 'distrusted' | 'list')[]): CordonState {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !(keys as readonly string[]).includes(key))) as unknown as CordonState;
}

const sameIds = (a: readonly EnforcedApp[], b: readonly EnforcedApp[]) => sameJson(a.map((x) => x.id), b.map((x) => x.id));
const sameApps = (a: readonly EnforcedApp[], b: readonly EnforcedApp[]) => sameJson(a, b);

/** One cycle of a signed-list policy, decided. */
export function decideSignedCycle(input: SignedCycleInput): CycleDecision {
  const { settings, previous, accepted, trust, attempt, now } = input;
  const at = now.toISOString();
  const base: CordonState = { ...previous, source: { kind: 'signed', url: settings.listUrl }, seenAt: nextSeenAt(previous.seenAt, now) };

  /** Enforces `apps` (from no trusted list) and records them, with the lifted ones in the history. */
  const standApps = (state: CordonState, apps: readonly EnforcedApp[]): { enforce?: Enforcement; state: CordonState; changed: boolean } => {
    const changed = !sameApps(apps, previous.apps);
    return {
      ...(changed || previous.source.kind !== 'signed' ? { enforce: { kind: 'apps' as const, apps } } : {}),
      state: { ...state, apps, withdrawn: nextWithdrawn(previous.apps, apps, previous.withdrawn, at), ...(changed ? { lastChange: at } : {}) },
      changed,
    };
  };

  /** A verified list becomes what is enforced. */
  const adopt = (verified: VerifySuccess, record: AcceptedList, outcome: 'updated' | 'unchanged'): CycleDecision => {
    const apps = appsFromList(verified.list);
    const changed = !sameApps(apps, previous.apps) || previous.source.kind !== 'signed' || previous.distrusted !== undefined;
    const state: CordonState = {
      ...without(base, 'problem', 'distrusted'),
      apps,
      withdrawn: nextWithdrawn(previous.apps, apps, previous.withdrawn, at),
      list: listInfoOf(verified.list, verified.signers),
      lastCheck: { at, outcome },
      seenAt: nextSeenAt(base.seenAt, new Date(Math.min(Date.parse(verified.list.issuedAt), now.getTime() + 5 * 60_000))),
      ...(changed ? { lastChange: at } : {}),
    };
    return { enforce: { kind: 'list', verified }, accept: { record, envelope: verified.envelopeText }, state, failed: false, changed };
  };

  const recordFor = (verified: VerifySuccess, url: string, validators: Validators): AcceptedList => ({
    url,
    validators,
    trustedKeys: settings.trustedKeys,
    threshold: settings.threshold,
    listId: verified.list.listId,
    serial: verified.list.serial,
    payloadSha256: verified.payloadSha256,
  });

  // What stands if this attempt brings nothing new.
  let standing: { enforce?: Enforcement; state: CordonState; changed: boolean; accept?: CycleDecision['accept'] };
  switch (trust.kind) {
    case 'current':
      standing = { state: base, changed: false };
      break;
    case 'trusted': {
      // Still good under the new settings: keep it, recorded under them. Validators belong to the URL
      // they came from, and the next check fetches in full anyway.
      const reaccepted = adopt(trust.verified, recordFor(trust.verified, settings.listUrl, {}), 'unchanged');
      standing = {
        ...(reaccepted.enforce ? { enforce: reaccepted.enforce } : {}),
        state: { ...reaccepted.state, lastCheck: previous.lastCheck ?? { at, outcome: 'unchanged' } },
        changed: reaccepted.changed,
        ...(reaccepted.accept ? { accept: reaccepted.accept } : {}),
      };
      break;
    }
    case 'distrusted': {
      const since = previous.distrusted?.at ?? at;
      const distrusted = {
        at: since,
        listId: accepted?.listId ?? previous.list?.listId ?? '',
        serial: accepted?.serial ?? previous.list?.serial ?? 0,
        reason: trust.failure.reason,
        message: trust.failure.message,
      };
      standing = standApps({ ...base, distrusted }, fallbackApps(settings.floorApps, previous.apps));
      break;
    }
    case 'none':
      // No list yet: what is enforced is the built-in floor, and the pages say so (not "signed list").
      standing = standApps({ ...base, source: { kind: 'builtin' } }, fallbackApps(settings.floorApps));
      break;
  }

  const fail = (code: ProblemCode, message: string): CycleDecision => ({
    ...(standing.enforce ? { enforce: standing.enforce } : {}),
    ...(standing.accept ? { accept: standing.accept } : {}),
    state: { ...standing.state, lastCheck: { at, outcome: 'failed' }, problem: problemAt(code, message, at) },
    failed: true,
    changed: standing.changed,
  });

  switch (attempt.kind) {
    case 'skipped':
    case 'failed':
      return fail(attempt.code, attempt.message);
    case 'not-modified':
      if (!attempt.validatorsSent || trust.kind !== 'current') {
        return fail('fetch-status', 'the list server answered 304 Not Modified to a request that named no list (no validators); that cannot confirm the list in force');
      }
      return { state: { ...without(standing.state, 'problem'), lastCheck: { at, outcome: 'unchanged' } }, failed: false, changed: false };
    case 'verified': {
      const result = attempt.result;
      if (!result.ok) return fail(result.reason, result.message);
      const record = recordFor(result, settings.listUrl, attempt.validators);
      const inForce = previous.source.kind === 'signed' && previous.source.url === settings.listUrl && previous.distrusted === undefined && trust.kind !== 'trusted';
      if (result.status === 'unchanged' && inForce) {
        return { accept: { record, envelope: result.envelopeText }, state: { ...without(standing.state, 'problem'), lastCheck: { at, outcome: 'unchanged' } }, failed: false, changed: false };
      }
      return adopt(result, record, result.status === 'unchanged' ? 'unchanged' : 'updated');
    }
  }
}

/** One cycle of a policy without a signed list: the named catalogue entries (or the default). */
export function decideBuiltinCycle(ids: readonly string[], previous: CordonState, now: Date): CycleDecision {
  const at = now.toISOString();
  const apps = appsFromCatalogue(ids);
  const changed = !(previous.source.kind === 'builtin' && sameIds(previous.apps, apps));
  const state: CordonState = {
    ...without(previous, 'problem', 'distrusted', 'list'),
    source: { kind: 'builtin' },
    apps,
    withdrawn: nextWithdrawn(previous.apps, apps, previous.withdrawn, at),
    lastCheck: { at, outcome: 'builtin' },
    seenAt: nextSeenAt(previous.seenAt, now),
    ...(changed ? { lastChange: at } : {}),
  };
  return { enforce: { kind: 'apps', apps }, state, failed: false, changed };
}
