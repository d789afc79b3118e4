/**
 * The record the background keeps and the popup and block page read: what is enforced, where it came
 * from, and what went wrong last. Derived facts (is the list stale? which apps are in warn mode today?)
 * are computed by readers from these fields and the clock, never stored.
 */
import type { Blocklist, BlocklistApp } from './blocklist/payload.ts';
import { nextEndedLifts, type EndedLift, type Lift } from './lifts.ts';
import type { ReasonCode } from './blocklist/reasons.ts';

/** An app as enforced: from a signed list, or a built-in catalogue entry (which has no `since`). */
export type EnforcedApp = Omit<BlocklistApp, 'since'> & { readonly since?: string };

export type Source = { readonly kind: 'builtin' } | { readonly kind: 'signed'; readonly url: string };

/**
 * The list in force as the pages show it: the signed list's own fields, as they verified (its
 * `requestUrl` template, core/access-request.ts; its scoped exceptions for every group, of which the
 * policy's groups decide which apply here), without the apps, which the state keeps on their own.
 */
export interface ListInfo
  extends Pick<Blocklist, 'listId' | 'serial' | 'issuedAt' | 'expiresAt' | 'issuer' | 'contact' | 'requestUrl' | 'changes' | 'exceptions'> {
  /** Ids of the pinned keys whose signatures verified. */
  readonly signers: readonly string[];
}

/** Why the newest attempt did not change what is enforced. Rules in force stay as they were. */
export type ProblemCode =
  | 'policy-invalid'
  | 'policy-missing'
  | 'fetch-network'
  | 'fetch-timeout'
  | 'fetch-status'
  | 'fetch-too-large'
  | 'fetch-redirect'
  | 'stored-list-invalid'
  | 'apply-failed'
  /** The worker could not load its verifier (Chromium's verifier.js): nothing can be verified. */
  | 'verifier-unavailable'
  /** The policy's listUrl points at a host the rules in force block: no list could ever arrive. */
  | 'list-host-blocked'
  | ReasonCode;

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly at: string;
}

export type CheckOutcome = 'updated' | 'unchanged' | 'failed' | 'builtin';

export interface WithdrawnApp {
  readonly id: string;
  readonly name: string;
  /** When this browser stopped blocking it. */
  readonly at: string;
  /** The domains and hosts it blocked: the block page names a lifted ban only for one of these. */
  readonly names?: readonly string[];
}

/**
 * The list in force no longer verifies under the organisation's current trust settings (its signer
 * was removed from `trustedKeys`, the threshold rose, or the listId changed). Until a list that does
 * verify arrives, Cordon enforces what that list blocked (as blocks only: no warnings, no allowed
 * hosts) together with the policy's built-in floor, so a revoked key's list can lift nothing.
 */
export interface Distrusted {
  /** When this browser found out. */
  readonly at: string;
  readonly listId: string;
  readonly serial: number;
  /** Why it no longer verifies (the verifier's reason code and sentence). */
  readonly reason: ReasonCode;
  readonly message: string;
}

export interface CordonState {
  readonly schema: 1;
  readonly source: Source;
  readonly apps: readonly EnforcedApp[];
  /** Apps a newer list no longer blocks, newest first, so a lifted ban is said rather than silent. */
  readonly withdrawn: readonly WithdrawnApp[];
  readonly list?: ListInfo;
  readonly organization?: string;
  readonly supportUrl?: string;
  readonly lastCheck?: { readonly at: string; readonly outcome: CheckOutcome };
  /** When the set of enforced apps or their rules last changed on this browser. */
  readonly lastChange?: string;
  readonly problem?: Problem;
  /** Present while the list in force is no longer trusted; see `Distrusted`. */
  readonly distrusted?: Distrusted;
  /**
   * Present while network prediction is on against Cordon's will (core/prediction.ts): another
   * extension took the setting over, or a policy forces it on. Requests stay blocked; connections can
   * open to blocked hosts again.
   */
  readonly prediction?: { readonly status: 'taken-over' | 'forced-on'; readonly at: string };
  /**
   * The latest time this browser has seen (each cycle's clock, the list's issuedAt), so that setting
   * the device clock back cannot reopen a warning period that has already ended.
   */
  readonly seenAt?: string;
  readonly installedByAdmin: boolean;
  /** The policy's groups for this device or user (issue #15). */
  readonly groups?: readonly string[];
  /**
   * Apps the list names that this browser does not block right now (core/lifts.ts): an exception for
   * one of its groups, or an override code. The rules in force leave exactly these apps out.
   */
  readonly lifts?: readonly Lift[];
  /** Lifts that ended, newest first, for the history and the block page. */
  readonly liftsEnded?: readonly EndedLift[];
  /** What the policy has this browser report (issue #14), for the pages to tell the employee. */
  readonly reporting?: ReportingNotice;
}

/** Reporting as the employee is told about it: to whom, and whether blocked visits are included. */
export type ReportingNotice =
  | { readonly kind: 'on'; readonly host: string; readonly blockedVisits: boolean }
  /** Asked for by the policy but mistyped: nothing is sent, and the admin's error is shown. */
  | { readonly kind: 'invalid'; readonly message: string };

export const MAX_WITHDRAWN = 20;

/** Apps the previous set blocked that the next one does not, merged into the withdrawn history. */
export function nextWithdrawn(
  previous: readonly EnforcedApp[],
  next: readonly EnforcedApp[],
  history: readonly WithdrawnApp[],
  at: string,
): WithdrawnApp[] {
  const nextIds = new Set(next.map((app) => app.id));
  const lifted = previous
    .filter((app) => !nextIds.has(app.id))
    .map((app) => ({ id: app.id, name: app.name, at, names: [...app.domains, ...(app.hosts ?? [])] }));
  const liftedIds = new Set(lifted.map((app) => app.id));
  const kept = history.filter((entry) => !nextIds.has(entry.id) && !liftedIds.has(entry.id));
  return [...lifted, ...kept].slice(0, MAX_WITHDRAWN);
}

/**
 * The clock for deciding what is in force: the device's, but never earlier than what Cordon has
 * already seen (`seenAt`, the list's `issuedAt`). Turning the clock back cannot reopen a warning.
 */
export function decisionTime(state: Pick<CordonState, 'seenAt' | 'list'> | undefined, now: Date): Date {
  const floor = Math.max(Date.parse(state?.seenAt ?? '') || 0, Date.parse(state?.list?.issuedAt ?? '') || 0);
  return floor > now.getTime() ? new Date(floor) : now;
}

/** `seenAt` after a cycle at `now`: it only ever moves forward. */
export function nextSeenAt(previous: string | undefined, now: Date): string {
  const last = Date.parse(previous ?? '') || 0;
  return new Date(Math.max(last, now.getTime())).toISOString();
}

/** An expired list still enforced: stale means keep blocking, and say so. */
export function isStale(state: Pick<CordonState, 'list'>, now: Date): boolean {
  return state.list !== undefined && now.getTime() >= Date.parse(state.list.expiresAt);
}

/** `state` with `lifts` in force, and the lifts that ended since `state` was recorded in its history. */
export function withLifts(state: CordonState, lifts: readonly Lift[], at: Date): CordonState {
  const ended = nextEndedLifts(state.lifts, lifts, state.liftsEnded, at);
  const { lifts: _lifts, liftsEnded: _ended, ...rest } = state;
  return { ...rest, ...(lifts.length > 0 ? { lifts } : {}), ...(ended.length > 0 ? { liftsEnded: ended } : {}) };
}
