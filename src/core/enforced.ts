/** Turning what a policy or list names into the apps to enforce. */
import type { Blocklist } from './blocklist/payload.ts';
import { findCatalogueApp } from './catalogue/index.ts';
import type { EnforcedApp, ListInfo } from './state.ts';

export function appsFromCatalogue(ids: readonly string[]): EnforcedApp[] {
  return ids.flatMap((id) => {
    const app = findCatalogueApp(id);
    return app ? [{ id: app.id, name: app.name, domains: app.domains, hosts: app.hosts, mode: 'block' as const, reason: app.reason }] : [];
  });
}

export function appsFromList(list: Blocklist): EnforcedApp[] {
  return [...list.apps];
}

export function listInfoOf(list: Blocklist, signers: readonly string[]): ListInfo {
  return {
    listId: list.listId,
    serial: list.serial,
    issuedAt: list.issuedAt,
    expiresAt: list.expiresAt,
    issuer: list.issuer,
    contact: list.contact,
    ...(list.requestUrl === undefined ? {} : { requestUrl: list.requestUrl }),
    signers: [...signers],
    changes: list.changes,
    ...(list.exceptions === undefined ? {} : { exceptions: list.exceptions }),
  };
}
