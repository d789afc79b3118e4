/**
 * "Continue for now" on a warning page, decided from the recorded apps and the clock, never from what
 * the page claims: only an app in its warning period, only a URL that app covers, only until the
 * allowance ends or blocking starts, whichever is first. Pure, so the service worker and the unit tests
 * run the same decision.
 */
import { NAVIGATION_TYPES, subresourceTypes, type BrowserTarget, type Rule, type RuleCondition } from './dnr.ts';
import { hostOf, isSameOrSubdomain } from './host.ts';
import type { EnforcedApp } from './state.ts';
import { appStatus } from './app-status.ts';

/** How long "Continue for now" allows a warned site in its tab. */
export const ALLOWANCE_SECONDS = 10 * 60;

/** Session rule ids for allowances: far above any id the compiler gives dynamic rules. */
export const ALLOWANCE_RULE_ID_MIN = 900_000;
export const ALLOWANCE_RULE_ID_MAX = 999_999;
/** Above the compiled rules (block and redirect 1, allowed hosts 2). */
export const ALLOWANCE_PRIORITY = 3;

export type AllowanceRefusal = 'unknown-app' | 'not-warn' | 'bad-url' | 'not-this-app' | 'no-tab' | 'reason-required' | 'bad-reason';

/** The longest reason an employee can give for continuing (issue #15). */
export const MAX_WARN_REASON = 200;

export type AllowanceDecision =
  | {
      readonly ok: true;
      readonly appId: string;
      /** The app's domains and hosts, less any another app also blocks. */
      readonly domains: readonly string[];
      /** Other apps' domains below this app's, which stay blocked. */
      readonly excluded: readonly string[];
      /** Epoch milliseconds when the allowance ends. */
      readonly until: number;
    }
  | { readonly ok: false; readonly reason: AllowanceRefusal };

/**
 * The allowance length: `ALLOWANCE_SECONDS`, or a shorter whole number of seconds stored under
 * `warnAllowanceSeconds` in `storage.local` (for tests; it can only shorten an allowance).
 */
export function allowanceSeconds(stored: unknown): number {
  return Number.isInteger(stored) && (stored as number) >= 1 && (stored as number) <= ALLOWANCE_SECONDS ? (stored as number) : ALLOWANCE_SECONDS;
}

/**
 * How long "Continue for now" lasts for `app`: its list's `allowMinutes`, or the default; `cap` (the
 * test hook above, `allowanceSeconds`) can only shorten the default, never the list's own setting.
 */
export function allowanceSecondsFor(app: Pick<EnforcedApp, 'allowMinutes'> | undefined, cap: number): number {
  return app?.allowMinutes === undefined ? cap : cap < ALLOWANCE_SECONDS ? Math.min(cap, app.allowMinutes * 60) : app.allowMinutes * 60;
}

/** Why a reason typed on the warning page is refused, or undefined (an empty one is no reason). */
export function warnReasonProblem(app: Pick<EnforcedApp, 'justification'>, reason: string | undefined): 'reason-required' | 'bad-reason' | undefined {
  const text = reason?.trim() ?? '';
  if (text.length > MAX_WARN_REASON || /[\p{Cc}\p{Cf}]/u.test(text)) return 'bad-reason';
  if (app.justification === 'required' && text === '') return 'reason-required';
  return undefined;
}

const coveredBy = (host: string, domains: readonly string[]) => domains.some((d) => isSameOrSubdomain(host, d));

/**
 * What an allowance for `app` may let through. Never another app's block: names another app covers are
 * dropped, and names of other apps below this app's domains are carved out.
 */
export function allowanceScope(apps: readonly EnforcedApp[], app: EnforcedApp): { domains: string[]; excluded: string[] } {
  const others = apps.filter((a) => a.id !== app.id).flatMap((a) => [...a.domains, ...(a.hosts ?? [])]);
  const domains = [...app.domains, ...(app.hosts ?? [])].filter((d) => !coveredBy(d, others));
  const excluded = others.filter((o) => domains.some((d) => o !== d && isSameOrSubdomain(o, d)));
  return { domains, excluded };
}

export function decideAllowance(apps: readonly EnforcedApp[], appId: unknown, url: unknown, now: Date, seconds: number, reason?: string): AllowanceDecision {
  const app = typeof appId === 'string' ? apps.find((a) => a.id === appId) : undefined;
  if (!app) return { ok: false, reason: 'unknown-app' };
  const status = appStatus(app, now);
  if (status.kind !== 'warn') return { ok: false, reason: 'not-warn' };
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { ok: false, reason: 'bad-url' };
  const host = hostOf(url);
  if (host === undefined) return { ok: false, reason: 'bad-url' };

  const { domains, excluded } = allowanceScope(apps, app);
  if (!coveredBy(host, domains) || coveredBy(host, excluded)) return { ok: false, reason: 'not-this-app' };
  const reasonProblem = warnReasonProblem(app, reason);
  if (reasonProblem !== undefined) return { ok: false, reason: reasonProblem };

  let until = now.getTime() + allowanceSecondsFor(app, seconds) * 1000;
  if (status.deadline !== undefined) until = Math.min(until, Date.parse(status.deadline));
  return { ok: true, appId: app.id, domains, excluded, until };
}

export type AllowanceRule = Rule & { readonly condition: RuleCondition & { readonly excludedRequestDomains?: readonly string[] } };

/** A session rule that lets the app's requests through in one tab only. */
export function allowanceRule(
  id: number,
  tabId: number,
  decision: Extract<AllowanceDecision, { ok: true }>,
  target: BrowserTarget = 'chrome',
): AllowanceRule {
  return {
    id,
    priority: ALLOWANCE_PRIORITY,
    action: { type: 'allow' },
    condition: {
      requestDomains: [...decision.domains],
      ...(decision.excluded.length > 0 ? { excludedRequestDomains: [...decision.excluded] } : {}),
      tabIds: [tabId],
      resourceTypes: [...NAVIGATION_TYPES, ...subresourceTypes(target)],
    },
  };
}

/** The lowest free id in the allowance range. */
export function nextAllowanceRuleId(used: Iterable<number>): number {
  const taken = new Set(used);
  for (let id = ALLOWANCE_RULE_ID_MIN; id <= ALLOWANCE_RULE_ID_MAX; id++) if (!taken.has(id)) return id;
  throw new Error('no free allowance rule id');
}

export const isAllowanceRuleId = (id: number) => id >= ALLOWANCE_RULE_ID_MIN && id <= ALLOWANCE_RULE_ID_MAX;
