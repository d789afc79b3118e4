import { hostOf, isSameOrSubdomain } from './host.ts';
import type { BlockedApp } from './rules.ts';

/** Whether the app's rules refuse this host: the same label-wise test `requestDomains` applies. */
export function blocksHost(app: BlockedApp, host: string): boolean {
  const covered = (list: readonly string[] | undefined) => (list ?? []).some((d) => isSameOrSubdomain(host, d));
  return (covered(app.domains) || covered(app.hosts)) && !covered(app.allow);
}

/** The first app whose rules refuse the URL's host; none for non-web URLs. */
export function matchBlockedApp<T extends BlockedApp>(url: string, apps: readonly T[]): T | undefined {
  const host = hostOf(url);
  return host === undefined ? undefined : apps.find((app) => blocksHost(app, host));
}
