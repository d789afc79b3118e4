import browser from './browser-api.ts';
import type { BrowsingData } from 'webextension-polyfill';

/**
 * A page service worker registered before a ban can answer navigations from its cache without a
 * network request, so declarativeNetRequest never sees them. Removing the workers and their caches
 * for blocked origins closes that path. Chrome's `origins` filter is exact (no subdomain wildcard), so
 * callers name the origins they know of; the tab watcher purges any other origin the moment it shows.
 */
// Chrome's names; webextension-polyfill's types follow Firefox (`hostnames`, no `cacheStorage`).
interface ChromeRemovalOptions {
  origins: string[];
}
interface ChromeDataTypeSet {
  serviceWorkers: boolean;
  cacheStorage: boolean;
}

export async function purgePageWorkers(origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  // Firefox filters by host name rather than origin.
  const options: ChromeRemovalOptions | { hostnames: string[] } =
    __BROWSER__ === 'firefox' ? { hostnames: [...new Set(origins.map((o) => new URL(o).hostname))] } : { origins: [...origins] };
  const types: ChromeDataTypeSet | { serviceWorkers: boolean; cache: boolean } =
    __BROWSER__ === 'firefox' ? { serviceWorkers: true, cache: true } : { serviceWorkers: true, cacheStorage: true };
  await browser.browsingData.remove(
    options as BrowsingData.RemovalOptions,
    types as BrowsingData.DataTypeSet,
  );
}

/** The origins a blocked domain most likely registered workers on. */
export function likelyOrigins(domains: readonly string[]): string[] {
  return domains.flatMap((domain) =>
    [domain, `www.${domain}`, `m.${domain}`].flatMap((host) => [`https://${host}`, `http://${host}`]),
  );
}
