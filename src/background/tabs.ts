import browser from 'webextension-polyfill';
import { encodeBlockFragment } from '../core/block-fragment.ts';
import { matchBlockedApp } from '../core/match.ts';
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

/** Catches any document that reaches a blocked host without a network request DNR could refuse. */
export function watchTabs(currentApps: () => readonly BlockedApp[]): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) void sendToBlockPage(tabId, change.url, currentApps());
  });
}
