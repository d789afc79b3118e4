/**
 * Cordon's service worker: a thin shell that wires browser events to the enforcement steps. Listeners
 * are registered synchronously at the top level so that a worker woken by an event receives it.
 */
import browser from 'webextension-polyfill';
import { blockedDomainsOf } from '../core/rules.ts';
import { enforcedApps } from './enforced-apps.ts';
import { likelyOrigins, purgePageWorkers } from './page-workers.ts';
import { disableNetworkPrediction } from './privacy.ts';
import { redirectOpenTabs, watchTabs } from './tabs.ts';

async function startEnforcement(trigger: string): Promise<void> {
  const apps = enforcedApps();
  await disableNetworkPrediction();
  await purgePageWorkers(likelyOrigins(blockedDomainsOf(apps)));
  const moved = await redirectOpenTabs(apps);
  console.info(`cordon: enforcement started (${trigger}); ${moved} open tab(s) sent to the block page`);
}

watchTabs(enforcedApps);
browser.runtime.onInstalled.addListener(({ reason }) => void startEnforcement(`installed: ${reason}`));
browser.runtime.onStartup.addListener(() => void startEnforcement('browser start'));
// A worker restarted by Chromium gets neither event; prediction must still be off.
void disableNetworkPrediction();
