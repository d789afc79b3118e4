import { tiktok } from './apps/tiktok.ts';
import type { CatalogueApp } from './types.ts';

export type { CatalogueApp, CatalogueSource, CatalogueExclusion } from './types.ts';

/** Every built-in entry, in display order. */
export const CATALOGUE: readonly CatalogueApp[] = [tiktok];

/** The ids enforced when no policy says otherwise. */
export const DEFAULT_BUILTIN_APP_IDS: readonly string[] = ['tiktok'];

export function findCatalogueApp(id: string): CatalogueApp | undefined {
  return CATALOGUE.find((app) => app.id === id);
}
