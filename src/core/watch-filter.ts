/**
 * Which committed navigations wake the worker. A page service worker registered before a ban can
 * answer a navigation from its cache, with no request the rules could refuse; the worker catches such a
 * page when it commits. Listening to every navigation would wake the worker on every page an employee
 * opens, so the listener is filtered, and the filter must be known when the worker script starts (a
 * filter added later does not wake a sleeping worker): it names the built-in catalogue's hosts, which
 * the extension carries. Browsing anything else never wakes Cordon. A signed list's names outside the
 * catalogue are caught by the open-tab sweep whenever the worker runs (start-up, every check, every
 * rule change) rather than at the moment of navigation; their requests are refused by the rules anyway.
 */
import type { CatalogueApp } from './catalogue/types.ts';
import { pruneSubdomains } from './domain.ts';

export interface UrlFilter {
  readonly hostEquals?: string;
  readonly hostSuffix?: string;
}

/** A name and every name below it, and nothing else (`hostSuffix: "tiktok.com"` would match `nottiktok.com`). */
export function navigationFilter(names: readonly string[]): { url: UrlFilter[] } {
  return { url: pruneSubdomains([...names]).flatMap((name) => [{ hostEquals: name }, { hostSuffix: `.${name}` }]) };
}

export function catalogueNavigationFilter(catalogue: readonly CatalogueApp[]): { url: UrlFilter[] } {
  return navigationFilter(catalogue.flatMap((app) => [...app.domains, ...app.hosts]));
}
