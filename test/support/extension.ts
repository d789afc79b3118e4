/** Reading and poking Cordon's real state in a running browser. */
import type { BrowserContext, Worker } from 'playwright-core';
import type { Rule } from '../../src/core/dnr.ts';
import type { CordonState } from '../../src/core/state.ts';
import { EXTENSION_ORIGIN } from './chromium.ts';
import { pollUntil, type PollOptions } from './poll.ts';

export async function readState(worker: Worker): Promise<CordonState | undefined> {
  return worker.evaluate(async () => (await chrome.storage.local.get('state')).state as CordonState | undefined);
}

/** Polls the recorded state until `test` holds; the error names `what` and shows the last state seen. */
export async function waitForState(
  worker: Worker,
  test: (s: CordonState) => boolean,
  what: string,
  options: PollOptions = {},
): Promise<CordonState> {
  const state = await pollUntil(() => readState(worker), (s) => s !== undefined && test(s), what, { timeout: 30_000, ...options });
  return state as CordonState;
}

export async function dynamicRules(worker: Worker): Promise<Rule[]> {
  return worker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules() as unknown as Promise<Rule[]>);
}

export async function enabledRulesets(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => chrome.declarativeNetRequest.getEnabledRulesets());
}

/**
 * Every host the dynamic rules refuse, sorted; with `proxies`, also the website-proxy forms of them
 * (`www-tiktok-com.translate.goog`, core/proxies.ts), which are left out otherwise.
 */
export async function blockedByRules(worker: Worker, { proxies = false } = {}): Promise<string[]> {
  const rules = await dynamicRules(worker);
  const hosts = rules.filter((r) => r.action.type !== 'allow').flatMap((r) => r.condition.requestDomains ?? []);
  return [...new Set(proxies ? hosts : hosts.filter((h) => h !== 'translate.goog' && !h.endsWith('.translate.goog')))].sort();
}

/** Presses "Check now" the way the popup does: a runtime message from an extension page. */
export async function checkNow(context: BrowserContext): Promise<CordonState> {
  const page = await context.newPage();
  try {
    await page.goto(`${EXTENSION_ORIGIN}/src/popup/index.html`);
    return await page.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' }) as Promise<CordonState>);
  } finally {
    await page.close();
  }
}

/** Counts calls to updateDynamicRules from now on (until the worker restarts). */
export async function countRuleUpdates(worker: Worker): Promise<() => Promise<number>> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __ruleUpdates?: number };
    if (g.__ruleUpdates !== undefined) {
      g.__ruleUpdates = 0;
      return;
    }
    g.__ruleUpdates = 0;
    const dnr = chrome.declarativeNetRequest as unknown as { updateDynamicRules: (...args: unknown[]) => Promise<void> };
    const original = dnr.updateDynamicRules.bind(dnr);
    dnr.updateDynamicRules = (...args: unknown[]) => {
      g.__ruleUpdates = (g.__ruleUpdates ?? 0) + 1;
      return original(...args);
    };
  });
  return () => worker.evaluate(() => (globalThis as unknown as { __ruleUpdates: number }).__ruleUpdates);
}
