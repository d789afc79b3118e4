/**
 * The toolbar popup as plain data: what is blocked and in which state, who decided, where the rules
 * came from, what is wrong, and the signed history. Every string from a list or a policy stays a
 * separate value for the page to set as text; links are only ever those `safeLink` accepts.
 */
import type { DeliveryRecord } from '../reporting/queue.ts';
import { decisionTime, type CordonState, type EnforcedApp } from '../state.ts';
import { fingerprint, formatDay, formatInstant, formatRelative } from '../text/format.ts';
import type { ViewEnv } from '../text/i18n.ts';
import { linkText, safeLink } from './safe-link.ts';
import { appStatus } from '../app-status.ts';
import { troublesOf, type Trouble } from '../text/troubles.ts';
import type { EndedLift, Lift } from '../lifts.ts';

export interface LinkView {
  readonly href: string;
  readonly text: string;
}

export interface FieldView {
  readonly label: string;
  readonly value: string;
  /** Set only for an https: or mailto: value. */
  readonly link?: LinkView;
  /** URLs, hosts and key fingerprints: shown in a monospace face. */
  readonly mono?: boolean;
  /** An element id for the value, for the page's tests and for `aria-describedby`. */
  readonly id?: string;
}

export interface AppView {
  readonly id: string;
  readonly name: string;
  readonly status: 'blocked' | 'warn' | 'withdrawn' | 'lifted';
  readonly statusText: string;
  /** When a warning turns into a block: "Blocked from 1 Jul 2026, 00:00". */
  readonly deadline?: string;
  readonly reason?: string;
  readonly since?: string;
  /** An exception or override in force: for whom, until when, and why (`liftWhy`). */
  readonly lift?: { readonly text: string; readonly why?: string };
}

export interface HistoryView {
  readonly date: string;
  readonly summary: string;
}

export interface PopupView {
  readonly lang: string;
  readonly troubles: readonly Trouble[];
  /** Said when nothing is wrong. */
  readonly allGood?: string;
  readonly apps: readonly AppView[];
  readonly noApps?: string;
  readonly decided: readonly FieldView[];
  readonly source: readonly FieldView[];
  readonly profileNote: string;
  readonly history: readonly HistoryView[];
  readonly historyEmpty?: string;
}

/** The report queue as the popup shows it (core/reporting/queue.ts). */
export interface ReportDelivery {
  readonly waiting: number;
  readonly lastAttempt?: DeliveryRecord;
  readonly lastDelivered?: string;
}

export interface PopupOptions {
  /** Delivery to the collector, when reporting is on. */
  readonly reportDelivery?: ReportDelivery;
  /** This install's random id (storage `installId`). */
  readonly installId?: string;
  /** `navigator.onLine`. */
  readonly online?: boolean;
  /** What is enforced before the worker has recorded any state: the built-in default. */
  readonly fallbackApps?: readonly EnforcedApp[];
}

/** A link field when the value is safe to click, plain text saying so otherwise. */
export function linkField(label: string, value: string, env: ViewEnv, id?: string): FieldView {
  const href = safeLink(value);
  const base = id === undefined ? {} : { id };
  if (href === undefined) return { label, value: env.t('linkUnsafe', [value]), ...base };
  return { label, value: linkText(href), link: { href, text: linkText(href) }, ...base };
}

/** What a lift says: the exception's groups or the override, and until when. */
export function liftText(lift: Lift, env: ViewEnv): string {
  const until = formatInstant(lift.until, env);
  return lift.kind === 'exception' ? env.t('liftException', [(lift.groups ?? []).join(', '), until]) : env.t('liftOverride', [until]);
}

/** `at`: the decision clock (`decisionTime`), which the device clock cannot turn back. */
function appView(app: EnforcedApp, env: ViewEnv, at: Date, lift: Lift | undefined): AppView {
  if (lift !== undefined) {
    return {
      id: app.id,
      name: app.name,
      status: 'lifted',
      statusText: env.t('statusLifted'),
      reason: app.reason,
      ...(app.since === undefined ? {} : { since: env.t('appSince', [formatDay(app.since, env)]) }),
      lift: { text: liftText(lift, env), ...(lift.reason === undefined ? {} : { why: env.t('liftWhy', [lift.reason]) }) },
    };
  }
  const status = appStatus(app, at);
  return {
    id: app.id,
    name: app.name,
    status: status.kind === 'blocked' ? 'blocked' : 'warn',
    statusText: status.kind === 'blocked' ? env.t('statusBlocked') : env.t('statusWarn'),
    ...(status.kind === 'warn' && status.deadline !== undefined ? { deadline: env.t('appBlockedFrom', [formatInstant(status.deadline, env)]) } : {}),
    reason: app.reason,
    ...(app.since === undefined ? {} : { since: env.t('appSince', [formatDay(app.since, env)]) }),
  };
}

export function decidedFields(state: CordonState, env: ViewEnv): FieldView[] {
  const { t } = env;
  const fields: FieldView[] = [];
  if (state.organization !== undefined) fields.push({ label: t('labelOrganization'), value: state.organization, id: 'organization' });
  if (state.source.kind === 'signed' && state.list) {
    fields.push({ label: t('labelDecidedBy'), value: state.list.issuer, id: 'issuer' });
    fields.push(linkField(t('labelContact'), state.list.contact, env, 'contact'));
  } else {
    fields.push({ label: t('labelDecidedBy'), value: state.installedByAdmin ? t('builtinDeciderAdmin') : t('builtinDecider'), id: 'issuer' });
  }
  const contact = state.source.kind === 'signed' ? state.list?.contact : undefined;
  if (state.supportUrl !== undefined && state.supportUrl !== contact) fields.push(linkField(t('labelSupport'), state.supportUrl, env, 'support'));
  return fields;
}

function sourceFields(state: CordonState, env: ViewEnv): FieldView[] {
  const { t } = env;
  const fields: FieldView[] = [];
  if (state.source.kind === 'signed') {
    fields.push({ label: t('labelSource'), value: state.source.url, mono: true, id: 'source-url' });
    const list = state.list;
    if (list) {
      fields.push({ label: t('labelListId'), value: list.listId, mono: true });
      fields.push({ label: t('labelSignedBy'), value: list.signers.map((k) => t('fingerprint', [fingerprint(k)])).join(', '), mono: true, id: 'signers' });
      fields.push({ label: t('labelSerial'), value: String(list.serial), id: 'serial' });
      fields.push({ label: t('labelIssued'), value: formatInstant(list.issuedAt, env) });
      fields.push({ label: t('labelExpires'), value: formatInstant(list.expiresAt, env), id: 'expires' });
    }
  } else {
    fields.push({ label: t('labelSource'), value: t('sourceBuiltin'), id: 'source-url' });
  }
  const check = state.lastCheck;
  const outcome = check && { updated: t('outcomeUpdated'), unchanged: t('outcomeUnchanged'), failed: t('outcomeFailed'), builtin: t('outcomeBuiltin') }[check.outcome];
  fields.push({
    label: t('labelLastCheck'),
    value: check ? t('lastCheckValue', [formatRelative(check.at, env), outcome ?? check.outcome]) : t('neverChecked'),
    id: 'last-check',
  });
  fields.push({ label: t('labelInstalled'), value: state.installedByAdmin ? t('installedByAdmin') : t('installedNotByAdmin'), id: 'installed' });
  fields.push({ label: t('labelReporting'), value: reportingText(state.reporting, env), id: 'reporting' });
  return fields;
}

/** What this browser reports, and to whom: said even when nothing is. */
function reportingText(notice: CordonState['reporting'], env: ViewEnv): string {
  const { t } = env;
  if (notice === undefined) return t('reportingOff');
  if (notice.kind === 'invalid') return t('reportingInvalid', [notice.message]);
  return notice.blockedVisits ? `${t('reportingOn', [notice.host])} ${t('reportingVisits')}` : t('reportingOn', [notice.host]);
}

/** How delivery to the collector stands; a failing collector is said here, never as an enforcement problem. */
function deliveryField(delivery: ReportDelivery, env: ViewEnv): FieldView | undefined {
  const { t } = env;
  const attempt = delivery.lastAttempt;
  if (attempt !== undefined && attempt.outcome.kind !== 'delivered') {
    const outcome = attempt.outcome;
    const why =
      outcome.kind === 'retry' && outcome.reason === 'unreachable'
        ? t('reportUnreachable')
        : outcome.kind === 'retry' && outcome.reason === 'timeout'
          ? t('reportTimeout')
          : t('reportRejected', [String('status' in outcome ? outcome.status : '')]);
    return { label: t('labelReportDelivery'), value: t('reportWaiting', [String(delivery.waiting), formatRelative(attempt.at, env), why]), id: 'report-delivery' };
  }
  if (delivery.lastDelivered !== undefined) return { label: t('labelReportDelivery'), value: t('reportDelivered', [formatRelative(delivery.lastDelivered, env)]), id: 'report-delivery' };
  return undefined;
}

export function popupView(state: CordonState | undefined, env: ViewEnv, options: PopupOptions = {}): PopupView {
  const { t } = env;
  const shown: CordonState = state ?? {
    schema: 1,
    source: { kind: 'builtin' },
    apps: options.fallbackApps ?? [],
    withdrawn: [],
    installedByAdmin: false,
  };
  const troubles = troublesOf(state, env, options.online ?? true);
  const withdrawn: AppView[] = shown.withdrawn.map((w) => ({
    id: w.id,
    name: w.name,
    status: 'withdrawn',
    statusText: t('statusWithdrawn'),
    since: t('appWithdrawnAt', [formatInstant(w.at, env)]),
  }));
  const at = decisionTime(shown, env.now);
  const lifts = shown.lifts ?? [];
  const apps = [...shown.apps.map((app) => appView(app, env, at, lifts.find((l) => l.app === app.id))), ...withdrawn];
  const history = [
    ...liftHistory(lifts, shown.liftsEnded ?? [], env),
    ...[...(shown.source.kind === 'signed' ? (shown.list?.changes ?? []) : [])]
      .sort((a, b) => b.serial - a.serial)
      .map((c) => ({ date: formatDay(c.date, env), summary: c.summary })),
  ];
  return {
    lang: env.locale,
    troubles,
    ...(troubles.length === 0 ? { allGood: state === undefined ? t('starting') : t('allGood') } : {}),
    apps,
    ...(shown.apps.length === 0 ? { noApps: t('noApps') } : {}),
    decided: decidedFields(shown, env),
    source: [
      ...sourceFields(shown, env),
      ...(shown.reporting?.kind === 'on' && options.reportDelivery ? [deliveryField(options.reportDelivery, env)].filter((f) => f !== undefined) : []),
      ...(shown.groups !== undefined && shown.groups.length > 0 ? [{ label: t('labelGroups'), value: shown.groups.join(', '), id: 'groups' }] : []),
      // What IT asks for when it grants an exception to one browser (issue #15).
      ...(options.installId === undefined ? [] : [{ label: t('labelInstallId'), value: options.installId, mono: true, id: 'install-id' }]),
    ],
    profileNote: t('profileOnly'),
    history,
    ...(history.length === 0 ? { historyEmpty: t('historyEmpty') } : {}),
  };
}

/** Lifts in force and lifts that ended, newest first, above the list's own changes. */
function liftHistory(current: readonly Lift[], ended: readonly EndedLift[], env: ViewEnv): HistoryView[] {
  const { t } = env;
  const granted = (l: Lift): HistoryView => ({
    date: formatDay(l.until.slice(0, 10), env),
    summary:
      l.kind === 'exception'
        ? t('historyExceptionGranted', [(l.groups ?? []).join(', '), l.name, formatInstant(l.until, env), l.reason ?? ''])
        : t('historyOverrideGranted', [l.name, formatInstant(l.until, env)]),
  });
  const over = (l: EndedLift): HistoryView => ({
    date: formatDay(l.endedAt.slice(0, 10), env),
    summary: l.kind === 'exception' ? t('historyExceptionEnded', [(l.groups ?? []).join(', '), l.name]) : t('historyOverrideEnded', [l.name]),
  });
  return [...current.map(granted), ...ended.flatMap((l) => [over(l), granted(l)])];
}
