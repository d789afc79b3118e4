import browser from './browser-api.ts';
import { encodeBlockFragment } from '../core/block-fragment.ts';
import { CATALOGUE } from '../core/catalogue/index.ts';
import { matchBlockedApp } from '../core/match.ts';
import { catalogueNavigationFilter } from '../core/watch-filter.ts';
import { BLOCK_PAGE_PATH } from '../core/paths.ts';
import type { BlockedApp } from '../core/rules.ts';
import { extensionPageUrl } from './extension-url.ts';
import { purgePageWorkers } from './page-workers.ts';

export function blockPageUrl(appId: string, refusedUrl: string): string {
  return `${extensionPageUrl(BLOCK_PAGE_PATH)}#${encodeBlockFragment(appId)}${refusedUrl}`;
}

/**
 * Sends a tab showing a blocked host to the block page. Rules only act on new requests: a tab opened
 * before enforcement, or a page answered by its own service worker's cache, would otherwise stay.
 */
async function sendToBlockPage(tabId: number, url: string, apps: readonly BlockedApp[]): Promise<boolean> {
  const app = matchBlockedApp(url, apps);
  if (app === undefined) return false;
  await browser.tabs.update(tabId, { url: blockPageUrl(app.id, url) });
  await purgePageWorkers([new URL(url).origin]);
  return true;
}

/** Redirects every open tab on a blocked host; returns how many it moved. */
export async function redirectOpenTabs(apps: readonly BlockedApp[]): Promise<number> {
  const tabs = await browser.tabs.query({});
  const moved = await Promise.all(
    tabs.map((tab) => (tab.id !== undefined && tab.url ? sendToBlockPage(tab.id, tab.url, apps) : false)),
  );
  return moved.filter(Boolean).length;
}

/**
 * Catches a top-level document that reaches a blocked host without a network request the rules could
 * refuse (a page service worker's cache), at the moment it commits: only navigations the filter names
 * (core/watch-filter.ts) wake the worker. Registered synchronously, at the top level of the worker.
 */
export function watchNavigations(currentApps: () => Promise<readonly BlockedApp[]>, onEvent: () => void = () => undefined): void {
  browser.webNavigation.onCommitted.addListener(
    (details) => {
      onEvent();
      if (details.frameId !== 0) return;
      void currentApps().then((apps) => sendToBlockPage(details.tabId, details.url, apps));
    },
    catalogueNavigationFilter(CATALOGUE),
  );
}
