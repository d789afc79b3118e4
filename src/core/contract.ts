/**
 * The one contract between Cordon's pages and its worker: the messages a page may send, the reply each
 * gets, and the storage keys and records they share. Declared once, here; the worker routes messages
 * through `parseRequest`, the pages send them through their typed helper, and every reader of the
 * stored state goes through `readState`, which checks the record's schema so that a future version can
 * migrate an older record instead of misreading it.
 */
import type { AllowanceRefusal } from './allowance.ts';
import type { OverrideRefusal } from './override-code.ts';
import { BLOCK_PAGE_PATH, POPUP_PATH } from './paths.ts';
import type { CordonState } from './state.ts';

/** What a page may ask the worker. */
export type Request =
  /** The popup's "Check now": run an update cycle now. */
  | { readonly type: 'check-now' }
  /** The block page's "Continue for now" for a warned app, on the tab it is shown in. */
  | { readonly type: 'warn-continue'; readonly appId: string; readonly url: string; readonly reason?: string }
  /** The block page, shown for `url`: reported as a blocked visit when the policy asks for it. */
  | { readonly type: 'blocked-visit'; readonly appId: string; readonly url: string }
  /** The block page: a break-glass override code typed for the app it shows (core/override-code.ts). */
  | { readonly type: 'override'; readonly appId: string; readonly url: string; readonly code: string };

export type WarnContinueReply = { readonly ok: true; readonly until: string } | { readonly ok: false; readonly reason: AllowanceRefusal };

export type OverrideReply =
  | { readonly ok: true; readonly until: string }
  | { readonly ok: false; readonly refusal: OverrideRefusal | 'no-list' | 'not-listed'; readonly detail: string };

/** The reply to each request. */
export interface Replies {
  readonly 'check-now': CordonState;
  readonly 'warn-continue': WarnContinueReply;
  /** Whether the visit was queued for the collector. */
  readonly 'blocked-visit': boolean;
  readonly override: OverrideReply;
}

export type RequestType = Request['type'];
export type ReplyTo<T extends RequestType> = Replies[T];

/** The page each request may come from, as the top-level document of its tab or view. */
export const REQUEST_SENDERS: Readonly<Record<RequestType, string>> = {
  'check-now': POPUP_PATH,
  'warn-continue': BLOCK_PAGE_PATH,
  'blocked-visit': BLOCK_PAGE_PATH,
  override: BLOCK_PAGE_PATH,
};

/** A message as a request, or undefined for anything else (a page's message is only ever data). */
export function parseRequest(message: unknown): Request | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'check-now':
      return { type: 'check-now' };
    case 'warn-continue':
      if (typeof m.appId !== 'string' || typeof m.url !== 'string' || (m.reason !== undefined && typeof m.reason !== 'string')) return undefined;
      return { type: 'warn-continue', appId: m.appId, url: m.url, ...(typeof m.reason === 'string' ? { reason: m.reason } : {}) };
    case 'blocked-visit':
      return typeof m.appId === 'string' && typeof m.url === 'string' ? { type: m.type, appId: m.appId, url: m.url } : undefined;
    case 'override':
      if (typeof m.appId !== 'string' || typeof m.url !== 'string' || typeof m.code !== 'string' || m.code.length > 2000) return undefined;
      return { type: 'override', appId: m.appId, url: m.url, code: m.code };
    default:
      return undefined;
  }
}

/** Every storage key, with the area it lives in. */
export const STORAGE_KEYS = {
  /** local: the recorded state the pages read (`CordonState`). */
  state: 'state',
  /** local: the record of the list in force (`AcceptedList`). */
  accepted: 'accepted',
  /** local: the exact envelope text of the list in force. */
  acceptedEnvelope: 'acceptedEnvelope',
  /** local: consecutive failures, for backoff. */
  schedule: 'schedule',
  /** local: test hook, a shorter "Continue for now" (core/allowance.ts). */
  warnAllowanceSeconds: 'warnAllowanceSeconds',
  /** session: the running warn allowances. */
  warnAllowances: 'warnAllowances',
  /** local: a random id made at first run, the `service.instance.id` of reports (core/reporting). */
  installId: 'installId',
  /** local: records waiting for the collector (`ReportQueue`). */
  reportQueue: 'reportQueue',
  /** local: override codes typed on the block page (`StoredOverride`), checked again whenever rules are computed. */
  overrides: 'overrides',
  /** local: the last status reported (`LastStatus`), to report changes and a daily heartbeat. */
  reportLast: 'reportLast',
} as const;

export const STATE_SCHEMA = 1;

/**
 * The stored state, if it is a record of this version. A record of another schema (a newer version's,
 * after a downgrade) reads as absent: the worker then starts from the built-in default and the static
 * ruleset it always has, rather than acting on fields it does not understand.
 */
export function readState(value: unknown): CordonState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { schema?: unknown; apps?: unknown; source?: unknown };
  if (record.schema !== STATE_SCHEMA || !Array.isArray(record.apps) || typeof record.source !== 'object') return undefined;
  return value as CordonState;
}
