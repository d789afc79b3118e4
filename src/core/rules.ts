/**
 * Compiles blocked apps into declarativeNetRequest rules. Pure: the same function builds the static
 * ruleset at build time and the dynamic rules at run time.
 *
 * Per app, at most three rules: navigations (top-level and frames) redirect to the block page so the
 * employee sees why; every other resource type is blocked outright; optional `allow` hosts get an
 * allow rule of higher priority. One rule carries all of an app's domains in `requestDomains`, which
 * Chromium matches against the host and all of its subdomains (label-wise, so `nottiktok.com` never
 * matches `tiktok.com`).
 */
import { isSameOrSubdomain, normalizeDomain, pruneSubdomains, topmostDomains, type DomainCheck } from './domain.ts';
import { canonicalHost } from './host.ts';
import { TRANSLATE_PROXY_SUFFIX, translateProxyGroups, translateProxyHost, translateProxyRegex } from './proxies.ts';
import { NAVIGATION_TYPES, subresourceTypes, type BrowserTarget, type Rule } from './dnr.ts';
import { encodeBlockFragment } from './block-fragment.ts';
import type { VerifySuccess } from './blocklist/verify.ts';

import type { BlockedApp } from './blocked-app.ts';

export type { BlockedApp };

export interface CompileOptions {
  /** Absolute URL of the block page, e.g. `chrome-extension://<id>/src/blocked/index.html`. */
  readonly blockPageUrl: string;
  /** Whose resource types to name (default Chrome's). */
  readonly target?: BrowserTarget;
  /**
   * How navigations reach the block page. `substitution` (default) carries the refused URL in the
   * fragment; `path` cannot, and serves rulesets built before the extension's URL is known (Firefox
   * gives every install its own moz-extension:// origin).
   */
  readonly redirect?: 'substitution' | 'path';
  /** First rule id to use; rulesets and dynamic rules each start their own numbering. */
  readonly firstRuleId?: number;
  /**
   * Hosts no rule may ever block: the host the worker fetches its list from. A verified list never
   * blocks it (the verifier refuses such a list), so this changes nothing in normal operation; it is
   * the second line of defence, so that no rule Cordon applies can cut the worker off from the next
   * list, whatever slipped past the first. A rule whose names cover such a host excludes it (and the
   * names below it, as `excludedRequestDomains` does).
   */
  readonly keepReachable?: readonly string[];
}

/** Rules per app for the app's own hosts; the website-proxy rules come on top (below). */
export const RULES_PER_APP_MAX = 3;

/**
 * Regular-expression rules cover each name and the names below it on Google Translate's proxy
 * (core/proxies.ts): two rules per group of a few names. Chromium allows 1,000 regex rules; this
 * leaves room for everything else. Names beyond what the groups carry (only lists of many hundreds of
 * names) are still blocked on the proxy themselves, as exact hosts in `requestDomains`, only not the
 * names below them. Measured in Chromium 156 at 10,000 names: the exact hosts add about 55 ms to an
 * update (Chromium indexes twice the names), the 400 expressions about 35 ms; ordinary requests never
 * meet either (the expressions only look at `translate.goog`).
 */
export const MAX_PROXY_REGEX_GROUPS = 200;

const PRIORITY_BLOCK = 1;
const PRIORITY_ALLOW = 2;

export class InvalidDomainError extends Error {
  constructor(
    readonly appId: string,
    readonly check: Extract<DomainCheck, { ok: false }>,
  ) {
    super(`app "${appId}": domain ${check.message}`);
    this.name = 'InvalidDomainError';
  }
}

function canonicalDomains(appId: string, values: readonly string[]): string[] {
  return values.map((value) => {
    const check = normalizeDomain(value);
    if (!check.ok) throw new InvalidDomainError(appId, check);
    return check.domain;
  });
}

/**
 * Compiles apps to rules. Throws `InvalidDomainError` rather than emitting a domain the browser would
 * silently ignore: a rule that matches nothing must never look like protection.
 */
export function compileRules(apps: readonly BlockedApp[], options: CompileOptions): Rule[] {
  return compileApps(apps, options, canonicalDomains);
}

/**
 * `compileRules` for a list `verifyBlocklist` has just accepted: it ran `checkCanonicalDomain` on every
 * name, and a canonical name normalises to itself, so the rules are the same without checking each
 * name a second time (for a list at the 25,000-name limit that was most of the compile time). The
 * parameter is the verification result on purpose: the built-in catalogue, stored state and anything
 * else unverified go through `compileRules`.
 */
export function compileVerifiedList(verified: Pick<VerifySuccess, 'ok' | 'list'>, options: CompileOptions): Rule[] {
  return compileApps(verified.list.apps, options, (_appId, values) => [...values]);
}

function compileApps(
  apps: readonly BlockedApp[],
  options: CompileOptions,
  namesOf: (appId: string, values: readonly string[]) => string[],
): Rule[] {
  const rules: Rule[] = [];
  let id = options.firstRuleId ?? 1;
  const subresources = subresourceTypes(options.target ?? 'chrome');
  const keep = (options.keepReachable ?? []).map(canonicalHost).filter((h) => h !== '');
  let proxyGroupsLeft = MAX_PROXY_REGEX_GROUPS;
  const proxied: { readonly appId: string; readonly groups: readonly (readonly string[])[] }[] = [];
  const redirectTo = (appId: string) =>
    options.redirect === 'path'
      ? { extensionPath: `${new URL(options.blockPageUrl).pathname}#${encodeBlockFragment(appId)}` }
      : // `\0` is the whole matched URL: the block page learns the app and the exact URL refused.
        { regexSubstitution: `${options.blockPageUrl}#${encodeBlockFragment(appId)}\\0` };
  for (const app of apps) {
    const own = topmostDomains(namesOf(app.id, [...app.domains, ...(app.hosts ?? [])]));
    if (own.length === 0) continue;
    // On Google Translate's proxy: the names the expressions carry (with the names below them), and
    // every other name exactly (`www-tiktok-com.translate.goog`).
    const groups = translateProxyGroups(own, Math.max(0, proxyGroupsLeft));
    proxyGroupsLeft -= groups.length;
    proxied.push({ appId: app.id, groups });
    const carried = new Set(groups.flat());
    const blocked = [...own, ...own.filter((name) => !carried.has(name)).map(translateProxyHost)];
    const excluded = keep.filter((host) => blocked.some((name) => isSameOrSubdomain(host, name)));
    const exclusion = excluded.length > 0 ? { excludedRequestDomains: excluded } : {};
    rules.push({
      id: id++,
      priority: PRIORITY_BLOCK,
      action: { type: 'redirect', redirect: redirectTo(app.id) },
      condition: {
        requestDomains: blocked,
        ...exclusion,
        ...(options.redirect === 'path' ? {} : { regexFilter: '^.+$' }),
        resourceTypes: [...NAVIGATION_TYPES],
      },
    });
    rules.push({
      id: id++,
      priority: PRIORITY_BLOCK,
      action: { type: 'block' },
      condition: { requestDomains: blocked, ...exclusion, resourceTypes: [...subresources] },
    });
    const allowed = topmostDomains(namesOf(app.id, app.allow ?? []));
    // An allow rule outranks every block rule, so one app's exception must never reach another's hosts.
    const stray = allowed.find((host) => !own.some((domain) => isSameOrSubdomain(host, domain)));
    if (stray !== undefined) throw new Error(`app "${app.id}": allowed host "${stray}" is not one of its blocked hosts`);
    if (allowed.length > 0) {
      rules.push({
        id: id++,
        priority: PRIORITY_ALLOW,
        action: { type: 'allow' },
        condition: { requestDomains: [...allowed, ...allowed.map(translateProxyHost)], resourceTypes: [...NAVIGATION_TYPES, ...subresources] },
      });
    }
  }
  // The names below each name, on the proxy: `m-tiktok-com.translate.goog` for `tiktok.com`, after every
  // app's own rules. Only proxy hosts are looked at (`requestDomains`), so ordinary browsing never runs
  // these expressions.
  for (const { appId, groups } of proxied) {
    for (const group of groups) {
      const condition = { requestDomains: [TRANSLATE_PROXY_SUFFIX], regexFilter: translateProxyRegex(group), isUrlFilterCaseSensitive: true };
      rules.push({ id: id++, priority: PRIORITY_BLOCK, action: { type: 'redirect', redirect: redirectTo(appId) }, condition: { ...condition, resourceTypes: [...NAVIGATION_TYPES] } });
      rules.push({ id: id++, priority: PRIORITY_BLOCK, action: { type: 'block' }, condition: { ...condition, resourceTypes: [...subresources] } });
    }
  }
  return rules;
}

/** Whether `rule` is one of the website-proxy expressions (on top of an app's own rules). */
export const isProxyRule = (rule: Rule): boolean => rule.condition.requestDomains?.length === 1 && rule.condition.requestDomains[0] === TRANSLATE_PROXY_SUFFIX;

/**
 * `compileRules` for apps whose names were checked before: the built-in catalogue (its unit tests check
 * every name, test/unit/catalogue.test.ts) and apps the worker recorded from a list it verified. The
 * worker compiles these without the Public Suffix List, which it loads only to verify a new list.
 */
export function compileCheckedApps(apps: readonly BlockedApp[], options: CompileOptions): Rule[] {
  return compileApps(apps, options, (_appId, values) => [...values]);
}

/**
 * Every host a set of apps blocks, pruned: for matching open tabs and purging page service workers.
 * The names are the recorded apps' (checked when they were accepted), so they are not checked again.
 */
export function blockedDomainsOf(apps: readonly BlockedApp[]): string[] {
  return pruneSubdomains(apps.flatMap((app) => [...app.domains, ...(app.hosts ?? [])]));
}
