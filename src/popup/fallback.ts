/** The built-in default apps, for the pages' first moments before the worker has recorded a state. */
import { DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';
import { appsFromCatalogue } from '../core/enforced.ts';
import type { EnforcedApp } from '../core/state.ts';

export const builtinDefaultApps = (): EnforcedApp[] => appsFromCatalogue(DEFAULT_BUILTIN_APP_IDS);
