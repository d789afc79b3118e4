/**
 * "Continue for now" on a warning page. The page only asks; this worker decides from the recorded
 * state and the clock (`decideAllowance`), then adds a session rule that lets that app's requests
 * through in that one tab, and navigates the tab to the refused URL. When the allowance ends (an alarm,
 * backed by a timer while the worker is awake) or a new list ends the app's warning period, the rule
 * goes and any tab still on the app is sent back to the block page. A closed tab's rule names a tab
 * that no longer exists (tab ids are never reused within a session), so it lets nothing through; it
 * is removed at its end or at the next grant, without a tab listener that would wake the worker
 * whenever an employee closes a tab.
 *
 * Allowances are kept in `storage.session` (as the session rules themselves, they end with the
 * browser session) so that a worker woken from sleep knows them again.
 *
 * Test hook: a whole number of seconds under `warnAllowanceSeconds` in `storage.local` shortens the
 * allowance (it can never lengthen it beyond `ALLOWANCE_SECONDS`).
 */
import browser from './browser-api.ts';
import type { Runtime } from 'webextension-polyfill';
import type { Rule } from '../core/dnr.ts';
import { createExclusive } from '../core/exclusive.ts';
import { matchBlockedApp } from '../core/match.ts';
import { decisionTime, type CordonState, type EnforcedApp } from '../core/state.ts';
import {
  allowanceRule,
  allowanceScope,
  allowanceSeconds,
  decideAllowance,
  isAllowanceRuleId,
  nextAllowanceRuleId,
  type AllowanceRule,
} from '../core/allowance.ts';
import { appStatus } from '../core/app-status.ts';
import { reportVisit } from './reporting.ts';
import { likelyOrigins, purgePageWorkers } from './page-workers.ts';
import { loadState, STATE_KEY } from './storage.ts';
import { REQUEST_SENDERS, STORAGE_KEYS, type Request, type WarnContinueReply } from '../core/contract.ts';
import { fromTopLevelPage } from './sender.ts';
import { blockPageUrl } from './tabs.ts';

const WARN_ALLOWANCE_SECONDS_KEY = STORAGE_KEYS.warnAllowanceSeconds;
const RECORDS_KEY = STORAGE_KEYS.warnAllowances;
const ALARM_PREFIX = 'warn-expire:';

interface Allowance {
  readonly ruleId: number;
  readonly tabId: number;
  readonly appId: string;
  /** Epoch milliseconds. */
  readonly until: number;
  readonly domains: readonly string[];
  readonly excluded: readonly string[];
}

// The polyfill's DNR types follow Firefox; Cordon's own Rule type follows Chrome (see core/dnr.ts).
type SessionDnr = {
  getSessionRules(): Promise<Rule[]>;
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: AllowanceRule[] }): Promise<void>;
};
const dnr = () => browser.declarativeNetRequest as unknown as SessionDnr;

let allowances: readonly Allowance[] = [];
let restored = false;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

// Grants, expiries and the open-tab sweep each read-modify-write the session rules: one at a time.
const exclusive = createExclusive();

/**
 * The apps the tab watcher should send back to the block page: all but those with an allowance in
 * force. Until the allowances are known again after a wake-up, apps in their warning period are left
 * to the rules (which still redirect every tab without an allowance).
 */
export function outsideAllowances<T extends Pick<EnforcedApp, 'id' | 'mode' | 'enforceFrom'>>(apps: readonly T[]): readonly T[] {
  if (!restored) {
    const now = new Date();
    return apps.filter((app) => appStatus(app, now).kind !== 'warn');
  }
  if (allowances.length === 0) return apps;
  const allowed = new Set(allowances.map((a) => a.appId));
  return apps.filter((app) => !allowed.has(app.id));
}

async function saveAllowances(next: readonly Allowance[]): Promise<void> {
  allowances = next;
  await browser.storage.session.set({ [RECORDS_KEY]: next });
}

function schedule(allowance: Allowance): void {
  void browser.alarms.create(`${ALARM_PREFIX}${allowance.ruleId}`, { when: allowance.until });
  clearTimeout(timers.get(allowance.ruleId));
  // Alarms are coarse in packed extensions; while the worker is awake a timer ends it on time.
  const delay = Math.max(0, allowance.until - Date.now());
  if (delay < 2 ** 31 - 1) timers.set(allowance.ruleId, setTimeout(() => void expire(allowance.ruleId, true), delay));
}

/** Sends tabs showing the app (without an allowance of their own) back to the block page. */
async function sendBack(appId: string): Promise<void> {
  const app = (await loadState())?.apps.find((a) => a.id === appId);
  if (!app) return; // No longer blocked at all: nothing to send anyone back to.
  const tabs = await browser.tabs.query({});
  const origins = new Set(likelyOrigins([...app.domains, ...(app.hosts ?? [])]));
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url || !matchBlockedApp(tab.url, [app])) return;
      if (allowances.some((a) => a.tabId === tab.id && a.appId === appId)) return;
      origins.add(new URL(tab.url).origin);
      await browser.tabs.update(tab.id, { url: blockPageUrl(app.id, tab.url) }).catch(() => undefined);
    }),
  );
  // A page worker the site registered during the allowance must not serve it from cache afterwards.
  await purgePageWorkers([...origins]).catch(() => undefined);
}

/** Ends one allowance: rule, record, alarm and timer; then, unless the tab is gone, sends tabs back. */
function expire(ruleId: number, resend: boolean): Promise<void> {
  return exclusive(async () => {
    const record = allowances.find((a) => a.ruleId === ruleId);
    clearTimeout(timers.get(ruleId));
    timers.delete(ruleId);
    await browser.alarms.clear(`${ALARM_PREFIX}${ruleId}`);
    await dnr().updateSessionRules({ removeRuleIds: [ruleId] });
    if (!record) return;
    await saveAllowances(allowances.filter((a) => a.ruleId !== ruleId));
    if (resend) await sendBack(record.appId);
  });
}

/** "Continue for now", asked by `sender` (the router in index.ts routes the request here). */
export async function grant(message: Extract<Request, { type: 'warn-continue' }>, sender: Runtime.MessageSender): Promise<WarnContinueReply> {
  const tabId = sender.tab?.id;
  // Only the block page itself, as the top-level document of the tab it would let through. Any web page
  // can frame the (web-accessible) block page and trick one click out of the employee: a frame asking
  // gets nothing, whatever it says.
  if (tabId === undefined || tabId < 0 || !fromTopLevelPage(sender, REQUEST_SENDERS['warn-continue'])) return { ok: false, reason: 'no-tab' };
  const [state, stored] = await Promise.all([loadState(), browser.storage.local.get(WARN_ALLOWANCE_SECONDS_KEY)]);
  const decision = decideAllowance(state?.apps ?? [], message.appId, message.url, decisionTime(state, new Date()), allowanceSeconds(stored[WARN_ALLOWANCE_SECONDS_KEY]), message.reason);
  if (!decision.ok) return decision;

  await forgetClosedTabs();
  const replaced = await exclusive(async () => {
    const previous = allowances.filter((a) => a.tabId === tabId && a.appId === decision.appId);
    const ruleId = nextAllowanceRuleId((await dnr().getSessionRules()).map((r) => r.id));
    await dnr().updateSessionRules({ removeRuleIds: previous.map((p) => p.ruleId), addRules: [allowanceRule(ruleId, tabId, decision, __BROWSER__)] });
    const record: Allowance = { ruleId, tabId, appId: decision.appId, until: decision.until, domains: decision.domains, excluded: decision.excluded };
    await saveAllowances([...allowances.filter((a) => !previous.includes(a)), record]);
    schedule(record);
    return previous;
  });
  for (const p of replaced) {
    clearTimeout(timers.get(p.ruleId));
    timers.delete(p.ruleId);
    await browser.alarms.clear(`${ALARM_PREFIX}${p.ruleId}`);
  }
  await browser.tabs.update(tabId, { url: message.url });
  // Reported only when the policy asks for blocked visits; never waited on.
  void reportVisit('warn-continue', decision.appId, message.url, state?.apps ?? [], state?.list?.serial, message.reason?.trim() || undefined);
  return { ok: true, until: new Date(decision.until).toISOString() };
}

/** Ends the allowances of tabs that have been closed since they were granted. */
async function forgetClosedTabs(): Promise<void> {
  const open = new Set((await browser.tabs.query({})).map((t) => t.id));
  await Promise.all(allowances.filter((a) => !open.has(a.tabId)).map((a) => expire(a.ruleId, false)));
}

/** A new list may end a warning period (or change what the app covers): its allowances end with it. */
function onStateChange(state: CordonState | undefined): void {
  const now = decisionTime(state, new Date());
  const apps = state?.apps ?? [];
  for (const a of allowances) {
    const app = apps.find((x) => x.id === a.appId);
    const scope = app && appStatus(app, now).kind === 'warn' ? allowanceScope(apps, app) : undefined;
    const same = scope !== undefined && JSON.stringify(scope) === JSON.stringify({ domains: a.domains, excluded: a.excluded });
    if (!same) void expire(a.ruleId, true);
  }
}

/** After a wake-up or a browser restart: keep the allowances still running, end the rest. */
function restore(): Promise<void> {
  return exclusive(async () => {
    try {
      const stored = (await browser.storage.session.get(RECORDS_KEY))[RECORDS_KEY] as Allowance[] | undefined;
      const ruleIds = new Set((await dnr().getSessionRules()).map((r) => r.id).filter(isAllowanceRuleId));
      const live = (stored ?? []).filter((a) => ruleIds.has(a.ruleId));
      const orphans = [...ruleIds].filter((id) => !live.some((a) => a.ruleId === id));
      if (orphans.length > 0) await dnr().updateSessionRules({ removeRuleIds: orphans });
      allowances = live;
      for (const a of live) schedule(a);
    } finally {
      restored = true;
    }
  });
}

/** Registers the listeners synchronously, as a service worker must; call once at the top level. */
export function registerWarnHandlers(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name.startsWith(ALARM_PREFIX)) void expire(Number(alarm.name.slice(ALARM_PREFIX.length)), true);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[STATE_KEY]) onStateChange(changes[STATE_KEY].newValue as CordonState | undefined);
  });
  void restore();
}
