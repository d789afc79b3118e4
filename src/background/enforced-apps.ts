import { CATALOGUE, DEFAULT_BUILTIN_APP_IDS, type CatalogueApp } from '../core/catalogue/index.ts';

/**
 * The apps in force right now. With no policy, the built-in default (TikTok), which the static ruleset
 * already enforces from the first navigation; signed lists take over in the update cycle.
 */
export function enforcedApps(): readonly CatalogueApp[] {
  return CATALOGUE.filter((app) => DEFAULT_BUILTIN_APP_IDS.includes(app.id));
}
