/**
 * Cordon's service worker: a thin shell that wires browser events to the update cycle and the
 * enforcement helpers. Listeners are registered synchronously at the top level so that a worker woken
 * by an event receives it.
 */
import browser from './browser-api.ts';
import type { Runtime } from 'webextension-polyfill';
import { contextFromJson } from '../core/blocklist/context.ts';
import type { VerifyBlocklist } from '../core/cycle.ts';
import { DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';
import { appsFromCatalogue } from '../core/enforced.ts';
import { blockedDomainsOf } from '../core/rules.ts';
import { backoffDelayMinutes, refreshDelayMinutes } from '../core/schedule.ts';
import type { CordonState, EnforcedApp } from '../core/state.ts';
import { likelyOrigins, purgePageWorkers } from './page-workers.ts';
import { nextPredictionRecord } from '../core/prediction.ts';
import { disableNetworkPrediction, onPredictionSettingChange } from './privacy.ts';
import { keepVerifierInstalled, loadVerifier, verifierLoaded } from './load-verifier.ts';
import type { Verifier } from './verifier.ts';
import { fromTopLevelPage } from './sender.ts';
import { loadSchedule, loadState, saveState, STATE_KEY } from './storage.ts';
import { registerBadge, updateBadge } from './badge.ts';
import { grant, outsideAllowances, registerWarnHandlers } from './warn.ts';
import { REPORT_ALARM, reportAfterCycle, reportVisit, retryReports } from './reporting.ts';
import { ensureInstallId } from './install-id.ts';
import { parseRequest, REQUEST_SENDERS } from '../core/contract.ts';
import { redirectOpenTabs, watchNavigations } from './tabs.ts';
import { exclusive, reconcile, refreshLifts, runCycle, type Trigger } from './update-cycle.ts';
import { withoutLifted } from '../core/lifts.ts';
import { LIFT_ALARM, onLiftEnd } from './lifts.ts';
import { acceptOverride } from './overrides.ts';

const REFRESH_ALARM = 'refresh';

// Until the stored state is read, assume the built-in default: the static ruleset enforces it anyway.
let enforced: readonly EnforcedApp[] = appsFromCatalogue(DEFAULT_BUILTIN_APP_IDS);
/** The apps whose rules are in force: the state's, but for those an exception or override lifts. */
const inForce = (state: CordonState): readonly EnforcedApp[] => withoutLifted(state.apps, state.lifts);
const stateLoaded = loadState().then((state) => {
  if (state) enforced = inForce(state);
});

/** Rules act on new requests only: bring open tabs and page service workers in line with them. */
async function sweep(apps: readonly EnforcedApp[]): Promise<void> {
  await purgePageWorkers(likelyOrigins(blockedDomainsOf(apps)));
  await redirectOpenTabs(outsideAllowances(apps));
}

async function cycle(trigger: Trigger): Promise<CordonState> {
  const result = await exclusive(() => runCycle(trigger));
  enforced = inForce(result.state);
  void updateBadge(result.state);
  // After the state is recorded, and never waited on: a collector that is down delays nothing.
  void reportAfterCycle(result.state);
  const failures = (await loadSchedule()).failures;
  const delayInMinutes = result.failed
    ? backoffDelayMinutes(failures, result.refreshMinutes, Math.random)
    : refreshDelayMinutes(result.refreshMinutes, Math.random);
  await browser.alarms.create(REFRESH_ALARM, { delayInMinutes });
  if (result.changed || trigger === 'install' || trigger === 'startup') await sweep(enforced);
  return result.state;
}

/** A lift ended, or an override code was accepted: rules again, without the network. */
async function liftsChanged(): Promise<void> {
  const { state, changed } = await exclusive(refreshLifts);
  if (state === undefined) return;
  enforced = inForce(state);
  void updateBadge(state);
  // An override used or an exception ended is news for the fleet report (never waited on).
  void reportAfterCycle(state);
  if (changed) await sweep(enforced);
}

/**
 * Turns network prediction off, and records in the state when it cannot: another extension took the
 * setting over, or a policy forces it on. The record goes through the cycle queue, so that it never
 * races a cycle's own write of the state.
 */
async function guardPrediction(): Promise<void> {
  const status = await disableNetworkPrediction().catch((error: unknown) => {
    console.error('cordon: network prediction', error);
    return 'off' as const;
  });
  await exclusive(async () => {
    const state = await loadState();
    if (state === undefined) return; // first run: the start-up cycle writes the state, then this runs again
    const record = nextPredictionRecord(state.prediction, status, new Date().toISOString());
    if (record === state.prediction) return;
    const { prediction: _previous, ...rest } = state;
    await saveState(record === undefined ? rest : { ...rest, prediction: record });
  });
}

async function start(trigger: 'install' | 'startup'): Promise<void> {
  // Prediction was switched off as this worker started (guardPrediction at the bottom); this records
  // how it stands once the start-up cycle has written a state to record it in.
  await stateLoaded;
  await ensureInstallId();
  await exclusive(reconcile);
  await cycle(trigger);
  await guardPrediction();
}

/** How many navigation events reached this worker instance: browsing unblocked sites must add none. */
let navigationEvents = 0;
// Tabs a warning page let through ("Continue for now") are the warn module's to send back.
watchNavigations(
  async () => {
    await stateLoaded;
    return outsideAllowances(enforced);
  },
  () => void navigationEvents++,
);
registerWarnHandlers();
registerBadge();
keepVerifierInstalled();
browser.runtime.onInstalled.addListener(() => void start('install'));
browser.runtime.onStartup.addListener(() => void start('startup'));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void cycle('alarm');
  if (alarm.name === REPORT_ALARM) void retryReports();
  if (alarm.name === LIFT_ALARM) void liftsChanged();
});
onLiftEnd(() => void liftsChanged());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') void cycle('policy-change');
  if (area === 'local' && changes[STATE_KEY]?.newValue) enforced = inForce(changes[STATE_KEY].newValue as CordonState);
});
// The one router for the pages' requests (core/contract.ts). Each request is acted on only when it
// comes from its own page as the top-level document (the block page is web-accessible, so any site
// can frame it); the grant checks that itself, with its tab, and says why it refuses.
// The reply goes through `sendResponse` (and `true` keeps the channel open for it): Chromium's own
// API ignores a promise returned by the listener.
browser.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
  const reply = route(message, sender);
  if (reply === undefined) return false;
  reply.then(sendResponse, () => sendResponse(undefined));
  return true;
}) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);

function route(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  const request = parseRequest(message);
  if (request === undefined) return undefined;
  switch (request.type) {
    case 'check-now':
      return fromTopLevelPage(sender, REQUEST_SENDERS[request.type]) ? cycle('check-now') : undefined;
    case 'warn-continue':
      return grant(request, sender);
    case 'blocked-visit':
      return fromTopLevelPage(sender, REQUEST_SENDERS[request.type]) ? blockedVisit(request.appId, request.url) : undefined;
    case 'override':
      return fromTopLevelPage(sender, REQUEST_SENDERS[request.type]) ? acceptOverride(request, sender, liftsChanged) : undefined;
  }
}

async function blockedVisit(appId: string, url: string): Promise<boolean> {
  const state = await loadState();
  return reportVisit('blocked-visit', appId, url, state ? inForce(state) : enforced, state?.list?.serial);
}
// Diagnostics: lets an admin (devtools) or a test run this worker's own verifier on an envelope. It
// only reads its arguments: it holds no secret and changes no rule or state.
Object.assign(globalThis, {
  cordonDiagnostics: {
    verifyBlocklist: async (...args: Parameters<VerifyBlocklist>) => {
      const verifier = await loadVerifier();
      await verifier.ensureSuffixRules();
      return verifier.verifyBlocklist(...args);
    },
    contextFromJson,
    verifyOverrideCode: async (...args: Parameters<Verifier['verifyOverrideCode']>) => (await loadVerifier()).verifyOverrideCode(...args),
    /** Whether this worker instance has run its verifier: a wake-up that verified nothing has not. */
    verifierLoaded,
    navigationEvents: () => navigationEvents,
    /** When this worker instance started: a different value means the worker was stopped and started again. */
    startedAt: () => performance.timeOrigin,
    /**
     * Milliseconds from this worker's start (its time origin) to the end of its first evaluation, when
     * it can handle events: what a wake-up costs before any event runs (the start-up benchmark).
     */
    readyAfterMs: () => readyAfterMs,
  },
});

// Another extension (or a policy) may change the setting at any time.
onPredictionSettingChange(() => void guardPrediction());
// A worker restarted by Chromium gets neither install nor startup; prediction must still be off.
void guardPrediction();

// Last: every module is loaded and every listener registered (read through cordonDiagnostics).
const readyAfterMs = performance.now();
