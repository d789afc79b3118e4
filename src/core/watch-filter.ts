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
  readonly urlMatches: string;
}

/** `name` as a literal in a regular expression (RE2, as the browser runs it, and JavaScript alike). */
const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A URL whose host is one of `names` or below one, and nothing else: a lookalike (`nottiktok.com`),
 * a longer host (`tiktok.com.example`) or userinfo (`https://tiktok.com@example.net/`) does not match.
 * One expression rather than a `hostEquals` and a `hostSuffix` filter per name: the browser takes in
 * a listener's filters, synchronously, every time the worker starts. Measured in Chromium 156 on the
 * benchmark machine: 676 filter objects (the catalogue's 338 names) took 7.9 ms of each wake-up, this
 * one expression 4.5 ms (grouping the names by top-level label saved nothing). Only RE2 syntax that
 * JavaScript reads the same way (Firefox runs it as a RegExp).
 */
export function navigationFilter(names: readonly string[]): { url: UrlFilter[] } {
  const hosts = pruneSubdomains([...names]).map(literal).join('|');
  return { url: [{ urlMatches: `^[a-z][a-z0-9+.-]*://(?:[^/?#]*@)?(?:[^/?#@]*\\.)?(?:${hosts})(?::[0-9]+)?(?:[/?#]|$)` }] };
}

export function catalogueNavigationFilter(catalogue: readonly CatalogueApp[]): { url: UrlFilter[] } {
  return navigationFilter(catalogue.flatMap((app) => [...app.domains, ...app.hosts]));
}
