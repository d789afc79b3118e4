import { hostOf, isSameOrSubdomain } from './host.ts';
import { hostBehindTranslateProxy } from './proxies.ts';
import type { BlockedApp } from './blocked-app.ts';

/**
 * Whether the app's rules refuse this host: the same label-wise test `requestDomains` applies, to the
 * host itself or to the host a website proxy (core/proxies.ts) serves under it.
 */
export function blocksHost(app: BlockedApp, host: string): boolean {
  const refuses = (h: string) => {
    const covered = (list: readonly string[] | undefined) => (list ?? []).some((d) => isSameOrSubdomain(h, d));
    return (covered(app.domains) || covered(app.hosts)) && !covered(app.allow);
  };
  if (refuses(host)) return true;
  const behind = hostBehindTranslateProxy(host);
  return behind !== undefined && refuses(behind);
}

/** The first app whose rules refuse the URL's host; none for non-web URLs. */
export function matchBlockedApp<T extends BlockedApp>(url: string, apps: readonly T[]): T | undefined {
  const host = hostOf(url);
  return host === undefined ? undefined : apps.find((app) => blocksHost(app, host));
}
