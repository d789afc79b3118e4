/**
 * What Cordon reports, as OpenTelemetry log records (core/reporting/otlp.ts): the browser's status
 * after a cycle, and, only when the admin asks for it, blocked visits and warnings passed. Attribute
 * names follow OpenTelemetry's semantic conventions where one exists (`service.*`, `user_agent.*`,
 * `os.type`, `url.domain`), and Cordon's own under `cordon.`. docs/reporting.md lists every field.
 * Never in a record: a path, a query, a page title, a user name.
 */
import { isStale, type CordonState } from '../state.ts';
import { attributes, logRecord, type KeyValue, type LogRecord, type Severity } from './otlp.ts';

export const SCOPE = 'cordon';

/** The browser and install a report comes from (the OTLP resource). */
export interface ReportSource {
  readonly extensionVersion: string;
  /** `user_agent.name` and `.version`, e.g. Chromium 156.0.8078.129 or Firefox 140.5.0. */
  readonly browserName: string;
  readonly browserVersion: string;
  /** `runtime.getPlatformInfo().os`: linux, win, mac, cros, android, openbsd, fuchsia. */
  readonly platform: string;
  /** Random, made at first run; identifies the install, not the person. */
  readonly installId: string;
  readonly deviceLabel?: string;
}

/** The OpenTelemetry `os.type` values for the platforms the browsers name. */
const OS_TYPE: Readonly<Record<string, string>> = { win: 'windows', mac: 'darwin', linux: 'linux', cros: 'linux', android: 'linux', openbsd: 'openbsd' };

export function resourceAttributes(source: ReportSource): KeyValue[] {
  return attributes({
    'service.name': SCOPE,
    'service.version': source.extensionVersion,
    'service.instance.id': source.installId,
    'user_agent.name': source.browserName,
    'user_agent.version': source.browserVersion,
    'os.type': OS_TYPE[source.platform] ?? 'unknown',
    'os.name': source.platform,
    'cordon.device.label': source.deviceLabel,
  });
}

/** current: the list in force is valid and the last check went well; stale: past `expiresAt`; error: a problem is recorded. */
export type Health = 'current' | 'stale' | 'error';

export function healthOf(state: CordonState, now: Date): Health {
  if (state.problem !== undefined || state.distrusted !== undefined) return 'error';
  if (isStale(state, now)) return 'stale';
  return 'current';
}

const SEVERITY_OF: Readonly<Record<Health, Severity>> = { current: 'INFO', stale: 'WARN', error: 'ERROR' };

/**
 * What a status report says, apart from when it was made: a report is due when this changes (a new
 * serial, a problem, a retraction reaching the browser), and otherwise once a day.
 */
export function statusFingerprint(state: CordonState, now: Date): string {
  return JSON.stringify([
    state.source.kind,
    state.list?.listId ?? null,
    state.list?.serial ?? null,
    healthOf(state, now),
    state.problem?.code ?? state.distrusted?.reason ?? null,
    state.apps.map((a) => a.id).sort(),
    liftsOf(state),
  ]);
}

/** Exceptions and override codes in force (issue #15): "forum override until 2026-12-07T14:00:00Z". */
function liftsOf(state: CordonState): string[] {
  return (state.lifts ?? []).map((l) => `${l.app} ${l.kind} until ${l.until}`);
}

export function statusRecord(state: CordonState, now: Date, dropped: number): LogRecord {
  const health = healthOf(state, now);
  const problemCode = state.problem?.code ?? (state.distrusted === undefined ? undefined : state.distrusted.reason);
  const list = state.list;
  const body =
    list === undefined
      ? `Cordon enforces ${state.apps.length} built-in app(s); ${health}`
      : `Cordon enforces list ${list.listId} serial ${list.serial} (${state.apps.length} app(s)); ${health}${problemCode === undefined ? '' : `: ${problemCode}`}`;
  return logRecord(
    state.lastCheck === undefined ? now : new Date(state.lastCheck.at),
    now,
    SEVERITY_OF[health],
    'cordon.status',
    body,
    attributes({
      'cordon.source': state.source.kind,
      'cordon.list.id': list?.listId,
      'cordon.list.serial': list?.serial,
      'cordon.list.signers': list?.signers,
      'cordon.status': health,
      'cordon.problem.code': problemCode,
      'cordon.check.time': state.lastCheck?.at,
      'cordon.check.outcome': state.lastCheck?.outcome,
      'cordon.apps.enforced': state.apps.length,
      'cordon.apps': state.apps.map((a) => a.id),
      'cordon.lifts': state.lifts === undefined ? undefined : liftsOf(state),
      'cordon.report.dropped': dropped > 0 ? dropped : undefined,
    }),
  );
}

export type VisitKind = 'blocked-visit' | 'warn-continue';

const VISIT_EVENT: Readonly<Record<VisitKind, { name: string; verb: string }>> = {
  'blocked-visit': { name: 'cordon.blocked_visit', verb: 'blocked' },
  'warn-continue': { name: 'cordon.warn_continue', verb: 'warned, continued' },
};

/** A blocked navigation or a warning passed: the app, the host (never the path or query), the serial, and a typed reason. */
export function visitRecord(kind: VisitKind, visit: { appId: string; host: string; serial?: number; reason?: string }, at: Date): LogRecord {
  const event = VISIT_EVENT[kind];
  return logRecord(
    at,
    at,
    'INFO',
    event.name,
    `${visit.appId} ${event.verb}: ${visit.host}`,
    // The reason the employee typed to continue past a warning (issue #15); they are told it is sent.
    attributes({ 'cordon.app.id': visit.appId, 'url.domain': visit.host, 'cordon.list.serial': visit.serial, 'cordon.warn.reason': visit.reason }),
  );
}

export const HEARTBEAT_MS = 24 * 3_600_000;
/** Heartbeats spread over this much time before the day is up, by install, so a fleet does not report at once. */
export const HEARTBEAT_SPREAD_MS = 2 * 3_600_000;

/** A stable share of the spread for an install id (FNV-1a of the id): the same install always reports at the same offset. */
export function heartbeatJitterMs(installId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < installId.length; i++) hash = Math.imul(hash ^ installId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % HEARTBEAT_SPREAD_MS;
}

export interface LastStatus {
  readonly fingerprint: string;
  readonly at: string;
}

/** Whether to report the status now: the first time, when it changed, and at least once a day. */
export function statusDue(last: LastStatus | undefined, fingerprint: string, now: Date, jitterMs: number): boolean {
  if (last === undefined || last.fingerprint !== fingerprint) return true;
  const sent = Date.parse(last.at);
  return !Number.isFinite(sent) || now.getTime() >= sent + HEARTBEAT_MS - jitterMs || now.getTime() < sent;
}
