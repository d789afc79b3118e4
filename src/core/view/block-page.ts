/**
 * The block page as plain data. It learns the app and the refused URL from its fragment, which any
 * page can forge (the block page is web-accessible): the fragment only ever selects an app the recorded
 * state holds, and only for a host that app blocks (or blocked, for a lifted ban); the URL is shown as
 * a host, and offered to open again only when a ban on that very host was lifted.
 */
import { fillRequestUrl, mailtoRequest } from '../access-request.ts';
import type { BlockFragment } from '../block-fragment.ts';
import { hostOf, isSameOrSubdomain } from '../host.ts';
import { blocksHost } from '../match.ts';
import { decisionTime, isStale, type CordonState, type EnforcedApp } from '../state.ts';
import { fingerprint, formatDay, formatDuration, formatInstant } from '../text/format.ts';
import { splitAround, type ViewEnv } from '../text/i18n.ts';
import { decidedFields, type FieldView } from './popup.ts';
import { linkText, safeLink } from './safe-link.ts';
import { ALLOWANCE_SECONDS, allowanceSecondsFor } from '../allowance.ts';
import { appStatus } from '../app-status.ts';


export interface BlockPageView {
  readonly kind: 'block' | 'warn' | 'lifted';
  readonly documentTitle: string;
  readonly heading: string;
  /** One sentence with the app's name as its own part, shown in bold. */
  readonly summary: { readonly before: string; readonly value: string; readonly after: string };
  readonly fields: readonly FieldView[];
  readonly staleNote?: string;
  /** Said when the policy has blocked visits reported, and then the page reports this one. */
  readonly reportedNote?: string;
  /** "Request access": a link the employee follows; the page never sends anything by itself. */
  readonly request?: { readonly href: string; readonly label: string };
  readonly backLabel: string;
  /** Present only in an app's warning period: what continuing means, and what to ask the worker for. */
  readonly warn?: {
    readonly explanation: string;
    readonly continueLabel: string;
    readonly appId: string;
    readonly url: string;
    /** The list asks for a reason before continuing: the field's label, and whether it may be left empty. */
    readonly reason?: { readonly label: string; readonly required: boolean; readonly sentNote?: string };
  };
  /** The approved tool to use instead, when the list names one (https: only). */
  readonly alternative?: { readonly label: string; readonly href: string; readonly text: string };
  /** Present only when the app's ban was lifted: the refused URL may be opened again. */
  readonly lifted?: { readonly openLabel: string; readonly url: string };
  /** The app had an exception or override on this browser that has ended: said, so the block is no surprise. */
  readonly liftEndedNote?: string;
  /** A field for a break-glass override code, when this browser's policy pins keys that could sign one. */
  readonly override?: {
    readonly summary: string;
    readonly help: string;
    readonly label: string;
    readonly submitLabel: string;
    readonly appId: string;
    readonly url: string;
  };
}

export interface BlockPageOptions {
  readonly fallbackApps?: readonly EnforcedApp[];
  readonly allowanceSeconds?: number;
  /**
   * The page is inside another page's frame. Any site can frame it; it then says what it says but
   * offers nothing to click, so no click can be tricked out of the employee.
   */
  readonly framed?: boolean;
  /** This install's id (storage `installId`), sent with an access request. */
  readonly installId?: string;
}

function ruleFrom(state: CordonState | undefined, env: ViewEnv): string {
  if (state?.source.kind !== 'signed') return env.t('ruleFromBuiltin');
  const list = state.list;
  if (!list) return env.t('ruleFromSignedNoList', [state.source.url]);
  const keys = list.signers.map((k) => env.t('fingerprint', [fingerprint(k)])).join(', ');
  return env.t('ruleFromSigned', [list.listId, String(list.serial), state.source.url, keys]);
}

export function blockPageView(
  state: CordonState | undefined,
  fragment: BlockFragment | undefined,
  env: ViewEnv,
  options: BlockPageOptions = {},
): BlockPageView {
  const { t } = env;
  const apps = state?.apps ?? options.fallbackApps ?? [];
  // The fragment names the app, but a forged one could put any app next to any host: an app is named
  // only for a host it blocks. Firefox's static rules cannot carry the URL (empty): no host to misname.
  const refusedHost = fragment ? hostOf(fragment.url) : undefined;
  const hostFits = (names: (host: string) => boolean) => (fragment?.url === '' ? true : refusedHost !== undefined && names(refusedHost));
  const app = fragment ? apps.find((a) => a.id === fragment.appId && hostFits((h) => blocksHost(a, h))) : undefined;
  const host = refusedHost ?? t('unknownHost');
  const webUrl = fragment && /^https?:$/.test(safeProtocol(fragment.url)) ? fragment.url : undefined;
  const backLabel = t('back');
  const shownState: CordonState = state ?? { schema: 1, source: { kind: 'builtin' }, apps, withdrawn: [], installedByAdmin: false };

  const stillBlocked = (h: string) => apps.some((a) => blocksHost(a, h));
  const lifted =
    !app && fragment
      ? state?.withdrawn.find((w) => w.id === fragment.appId && hostFits((h) => (w.names ?? []).some((n) => isSameOrSubdomain(h, n)) && !stillBlocked(h)))
      : undefined;
  if (lifted) {
    return {
      kind: 'lifted',
      documentTitle: t('liftedDocTitle', [lifted.name]),
      heading: t('liftedHeading'),
      summary: splitAround(t, 'liftedSummary', [lifted.name], 0),
      fields: [
        { label: t('labelAddress'), value: host, mono: true, id: 'host' },
        { label: t('statusWithdrawn'), value: formatInstant(lifted.at, env), id: 'lifted-at' },
        ...decidedFields(shownState, env),
      ],
      backLabel,
      ...(webUrl === undefined || options.framed ? {} : { lifted: { openLabel: t('openSite'), url: webUrl } }),
    };
  }

  const name = app?.name ?? t('unknownApp');
  const status = app ? appStatus(app, decisionTime(state, env.now)) : ({ kind: 'blocked' } as const);
  const fields: FieldView[] = [
    { label: t('labelAddress'), value: host, mono: true, id: 'host' },
    { label: t('labelReason'), value: app?.reason ?? t('genericReason'), id: 'reason' },
  ];
  if (app?.since !== undefined) fields.push({ label: t('labelSince'), value: formatDay(app.since, env), id: 'since' });
  if (status.kind === 'warn' && status.deadline !== undefined) {
    fields.push({ label: t('labelBlockedFrom'), value: formatInstant(status.deadline, env), id: 'deadline' });
  }
  fields.push(...decidedFields(shownState, env));
  fields.push({ label: t('labelRuleFrom'), value: ruleFrom(state, env), id: 'source' });
  const staleNote = state?.list && isStale(state, env.now) ? t('ruleStale', [formatInstant(state.list.expiresAt, env)]) : undefined;
  // Only for a real app on a host it blocks, and only when the policy asks for visits to be reported.
  const reported = app !== undefined && refusedHost !== undefined && state?.reporting?.kind === 'on' && state.reporting.blockedVisits;
  const reportedNote = reported ? t('visitReported', [refusedHost]) : undefined;
  const request = app !== undefined && refusedHost !== undefined && !options.framed ? requestLink(state, app, refusedHost, env, options.installId) : undefined;
  const alternativeHref = app?.alternative === undefined ? undefined : safeLink(app.alternative);
  const alternative = alternativeHref === undefined || options.framed ? undefined : { label: t('labelAlternative'), href: alternativeHref, text: linkText(alternativeHref) };
  const ended = app === undefined ? undefined : state?.liftsEnded?.find((l) => l.app === app.id);
  const liftEndedNote =
    ended === undefined
      ? undefined
      : ended.kind === 'exception'
        ? t('exceptionEndedNote', [(ended.groups ?? []).join(', '), formatInstant(ended.endedAt, env)])
        : t('overrideEndedNote', [formatInstant(ended.endedAt, env)]);
  const overridable = app !== undefined && state?.source.kind === 'signed' && state.list !== undefined && state.distrusted === undefined && !options.framed;
  const override =
    overridable && fragment !== undefined
      ? { summary: t('overrideSummary'), help: t('overrideHelp'), label: t('overrideLabel'), submitLabel: t('overrideSubmit'), appId: app.id, url: webUrl ?? '' }
      : undefined;
  const common = {
    fields,
    backLabel,
    ...(liftEndedNote === undefined ? {} : { liftEndedNote }),
    ...(override === undefined ? {} : { override }),
    ...(alternative === undefined ? {} : { alternative }),
    ...(staleNote === undefined ? {} : { staleNote }),
    ...(reportedNote === undefined ? {} : { reportedNote }),
    ...(request === undefined ? {} : { request }),
  };

  if (app && status.kind === 'warn' && fragment && webUrl !== undefined && !options.framed) {
    const duration = formatDuration(allowanceSecondsFor(app, options.allowanceSeconds ?? ALLOWANCE_SECONDS), env);
    const justification = app.justification ?? 'none';
    const reason =
      justification === 'none'
        ? undefined
        : {
            label: justification === 'required' ? t('warnReasonRequired') : t('warnReasonOptional'),
            required: justification === 'required',
            ...(reported ? { sentNote: t('warnReasonSent') } : {}),
          };
    const dated = status.deadline !== undefined;
    return {
      kind: 'warn',
      documentTitle: t('warnDocTitle', [name]),
      heading: dated ? t('warnHeading') : t('warnHeadingNoDate'),
      summary: dated
        ? splitAround(t, 'warnSummary', [name, formatInstant(status.deadline, env)], 0)
        : splitAround(t, 'warnSummaryNoDate', [name], 0),
      ...common,
      warn: {
        explanation: dated ? t('warnExplain', [duration]) : t('warnExplainNoDate', [duration]),
        continueLabel: t('warnContinue'),
        appId: app.id,
        url: webUrl,
        ...(reason === undefined ? {} : { reason }),
      },
    };
  }

  return {
    kind: 'block',
    documentTitle: t('blockDocTitle', [name]),
    heading: t('blockHeading'),
    summary:
      shownState.organization !== undefined
        ? splitAround(t, 'blockSummary', [name, shownState.organization], 0)
        : splitAround(t, 'blockSummaryNoOrg', [name], 0),
    ...common,
  };
}

/**
 * The list's request form filled in, or a mail to its contact with the facts prefilled, or the contact
 * itself: whichever exists, and only when `safeLink` accepts the result.
 */
function requestLink(state: CordonState | undefined, app: EnforcedApp, host: string, env: ViewEnv, installId: string | undefined): BlockPageView['request'] {
  const { t } = env;
  const list = state?.list;
  const facts = {
    app: app.id,
    host,
    listId: list?.listId ?? '',
    serial: list === undefined ? '' : String(list.serial),
    installId: installId ?? '',
    groups: (state?.groups ?? []).join(','),
  };
  const contact = list?.contact ?? state?.supportUrl;
  const none = '—';
  const href =
    list?.requestUrl !== undefined
      ? fillRequestUrl(list.requestUrl, facts)
      : contact === undefined
        ? undefined
        : (mailtoRequest(
            contact,
            t('requestSubject', [app.name, host]),
            t('requestBody', [app.name, host, facts.listId || none, facts.serial || none, facts.installId || none, facts.groups || none]),
          ) ?? contact);
  const safe = href === undefined ? undefined : safeLink(href);
  return safe === undefined ? undefined : { href: safe, label: t('requestAccess') };
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
