/**
 * The one place that changes the browser's rules. Every change adds before it removes: dynamic rules
 * replace each other in one atomic call, and the static built-in ruleset is switched off only after the
 * rules that replace it are in force, so no moment ever blocks less than both sides agree on.
 */
import browser from './browser-api.ts';
import { sameRules, type Rule } from '../core/dnr.ts';
import { BLOCK_PAGE_PATH, BUILTIN_RULESET_ID } from '../core/paths.ts';
import type { VerifySuccess } from '../core/blocklist/verify.ts';
import { compileCheckedApps, compileVerifiedList, isProxyRule, type BlockedApp } from '../core/rules.ts';
import { extensionPageUrl } from './extension-url.ts';

// The polyfill's DNR types follow Firefox; Cordon's own Rule type follows Chrome (see core/dnr.ts).
type Dnr = {
  isRegexSupported?(options: { regex: string; isCaseSensitive?: boolean }): Promise<{ isSupported: boolean; reason?: string }>;
  getDynamicRules(): Promise<Rule[]>;
  updateDynamicRules(options: { removeRuleIds: number[]; addRules: Rule[] }): Promise<void>;
  getEnabledRulesets(): Promise<string[]>;
  updateEnabledRulesets(options: { enableRulesetIds?: string[]; disableRulesetIds?: string[] }): Promise<void>;
};
const dnr = () => browser.declarativeNetRequest as unknown as Dnr;

const compileOptions = (keepReachable: readonly string[]) => ({ blockPageUrl: extensionPageUrl(BLOCK_PAGE_PATH), target: __BROWSER__, keepReachable });

/**
 * For the built-in catalogue's apps and apps recorded from a list verified earlier: their names were
 * checked then (core/rules.ts `compileCheckedApps`). `keepReachable`: the list host, which no rule may
 * block (see CompileOptions).
 */
export function compileForBrowser(apps: readonly BlockedApp[], keepReachable: readonly string[] = []): Rule[] {
  return compileCheckedApps(apps, compileOptions(keepReachable));
}

/** For a list just verified: its names were checked by the verifier, and are not checked again. */
export function compileVerifiedForBrowser(verified: VerifySuccess, keepReachable: readonly string[] = []): Rule[] {
  return compileVerifiedList(verified, compileOptions(keepReachable));
}

/**
 * The dynamic rules this worker last applied. Only this module changes Cordon's dynamic rules, so
 * while the worker lives these equal what Chrome holds, and a cycle need not read every rule back (at
 * 10,000 names `getDynamicRules` alone costs tens of milliseconds, as much as applying them). A new
 * worker starts without them and reads the browser's rules once; a failed update forgets them, since
 * the browser's side is then unknown.
 */
let applied: readonly Rule[] | undefined;

/** Chromium's verdict on each website-proxy expression, remembered for the life of the worker. */
const regexVerdicts = new Map<string, boolean>();

/**
 * Leaves out any website-proxy expression (core/proxies.ts) the browser would refuse: one refused rule
 * makes `updateDynamicRules` refuse them all, and a proxy expression only adds to what the app's own
 * rules already block. The compiler keeps them within the measured limits; this is the safety net.
 */
async function withoutRefusedExpressions(rules: readonly Rule[]): Promise<readonly Rule[]> {
  const check = dnr().isRegexSupported;
  if (check === undefined || !rules.some(isProxyRule)) return rules;
  const kept: Rule[] = [];
  for (const rule of rules) {
    const regex = rule.condition.regexFilter;
    if (regex !== undefined && isProxyRule(rule)) {
      let ok = regexVerdicts.get(regex);
      if (ok === undefined) {
        ok = (await check.call(dnr(), { regex, isCaseSensitive: rule.condition.isUrlFilterCaseSensitive ?? false })).isSupported;
        regexVerdicts.set(regex, ok);
        if (!ok) console.warn('cordon: a website-proxy expression was refused by the browser and left out', regex);
      }
      if (!ok) continue;
    }
    kept.push(rule);
  }
  return kept;
}

/** Makes the dynamic rules exactly `rules` and the built-in ruleset on or off; true when anything changed. */
export async function enforceRules(compiled: readonly Rule[], builtinOn: boolean): Promise<boolean> {
  const rules = await withoutRefusedExpressions(compiled);
  let changed = false;
  const enabled = await dnr().getEnabledRulesets();
  if (builtinOn && !enabled.includes(BUILTIN_RULESET_ID)) {
    await dnr().updateEnabledRulesets({ enableRulesetIds: [BUILTIN_RULESET_ID] });
    changed = true;
  }
  const current = applied ?? (await dnr().getDynamicRules());
  if (!sameRules(current, rules)) {
    applied = undefined;
    await dnr().updateDynamicRules({ removeRuleIds: current.map((r) => r.id), addRules: [...rules] });
    changed = true;
  }
  applied = rules;
  if (!builtinOn && enabled.includes(BUILTIN_RULESET_ID)) {
    await dnr().updateEnabledRulesets({ disableRulesetIds: [BUILTIN_RULESET_ID] });
    changed = true;
  }
  return changed;
}

/** Forgets what was applied, so the next `enforceRules` compares with the browser's own rules. */
export function forgetAppliedRules(): void {
  applied = undefined;
}
