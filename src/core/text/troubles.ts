/**
 * What is wrong, in words, from the recorded state and the clock: shared by the popup, the block page
 * and the toolbar badge (which the worker draws, so nothing here may pull in a page's view model).
 */
import { isStale, type CordonState, type ProblemCode } from '../state.ts';
import { formatInstant, formatRelative } from './format.ts';
import type { MessageKey, ViewEnv } from './i18n.ts';

export type TroubleKind =
  | 'policy'
  | 'policy-missing'
  | 'rejected'
  | 'offline'
  | 'server'
  | 'stored'
  | 'apply'
  | 'verifier'
  | 'distrusted'
  | 'prediction'
  | 'stale'
  | 'device-offline';

export interface Trouble {
  readonly kind: TroubleKind;
  readonly severity: 'error' | 'warning';
  /** The problem in plain words, in the reader's language. */
  readonly text: string;
  /** When it was recorded, relative ("5 minutes ago"). */
  readonly since?: string;
  /** The worker's own technical message (English), for whoever the employee asks. */
  readonly detail?: string;
}

const POLICY_CODES: readonly ProblemCode[] = ['policy-invalid', 'invalid-trusted-key', 'invalid-threshold', 'invalid-context', 'list-host-blocked'];
const OFFLINE_CODES: readonly ProblemCode[] = ['fetch-network', 'fetch-timeout'];
const SERVER_CODES: readonly ProblemCode[] = ['fetch-status', 'fetch-too-large', 'fetch-redirect'];

/** Why a verifier refused a list, in words an employee can pass on. */
export function rejectionKey(code: ProblemCode): MessageKey {
  switch (code) {
    case 'signature-length':
    case 'signature-s-out-of-range':
    case 'signature-small-order-r':
    case 'no-valid-signature':
    case 'threshold-not-met':
      return 'rejectSignature';
    case 'expired':
      return 'rejectExpired';
    case 'issued-in-future':
      return 'rejectFuture';
    case 'serial-rollback':
      return 'rejectRollback';
    case 'serial-conflict':
      return 'rejectConflict';
    case 'wrong-list-id':
      return 'rejectWrongList';
    case 'invalid-domain':
    case 'name-conflict':
    case 'blocks-own-host':
      return 'rejectDomains';
    default:
      return 'rejectFormat';
  }
}

function problemTrouble(problem: NonNullable<CordonState['problem']>, env: ViewEnv): Trouble {
  const { t } = env;
  const base = { since: formatRelative(problem.at, env), ...(problem.message === '' ? {} : { detail: problem.message }) };
  const code = problem.code;
  if (POLICY_CODES.includes(code)) return { kind: 'policy', severity: 'error', text: t('troublePolicy'), ...base };
  if (code === 'policy-missing') return { kind: 'policy-missing', severity: 'warning', text: t('troublePolicyMissing'), ...base };
  if (OFFLINE_CODES.includes(code)) return { kind: 'offline', severity: 'warning', text: t('troubleOffline'), ...base };
  if (SERVER_CODES.includes(code)) return { kind: 'server', severity: 'warning', text: t('troubleServer'), ...base };
  if (code === 'stored-list-invalid') return { kind: 'stored', severity: 'error', text: t('troubleStored'), ...base };
  if (code === 'apply-failed') return { kind: 'apply', severity: 'error', text: t('troubleApply'), ...base };
  if (code === 'verifier-unavailable') return { kind: 'verifier', severity: 'error', text: t('troubleVerifier'), ...base };
  return { kind: 'rejected', severity: 'error', text: t('troubleRejected', [t(rejectionKey(code))]), ...base };
}

/** Everything wrong, most serious first. `online` is the page's `navigator.onLine`. */
export function troublesOf(state: CordonState | undefined, env: ViewEnv, online = true): Trouble[] {
  const found: Trouble[] = [];
  if (state?.distrusted) {
    const d = state.distrusted;
    found.push({
      kind: 'distrusted',
      severity: 'error',
      text: env.t('troubleDistrusted'),
      since: formatRelative(d.at, env),
      detail: `${d.listId} serial ${d.serial}: ${d.message}`,
    });
  }
  if (state?.problem) found.push(problemTrouble(state.problem, env));
  if (state?.prediction) {
    found.push({
      kind: 'prediction',
      severity: 'warning',
      text: env.t(state.prediction.status === 'taken-over' ? 'troublePredictionTakenOver' : 'troublePredictionForcedOn'),
      since: formatRelative(state.prediction.at, env),
    });
  }
  if (state?.list && isStale(state, env.now)) {
    found.push({ kind: 'stale', severity: 'warning', text: env.t('troubleStale', [formatInstant(state.list.expiresAt, env)]) });
  }
  if (!online && !found.some((f) => f.kind === 'offline')) {
    found.push({ kind: 'device-offline', severity: 'warning', text: env.t('troubleDeviceOffline') });
  }
  return found.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
