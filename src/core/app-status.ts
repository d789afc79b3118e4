/** What state an app is in today, from its record and the clock: shared by the worker and the pages. */
import type { EnforcedApp } from './state.ts';

export type AppStatus =
  | { readonly kind: 'blocked' }
  /** In its warning period; `deadline` is the instant blocking starts, absent for `mode: "warn"`. */
  | { readonly kind: 'warn'; readonly deadline?: string };

/**
 * `mode: "warn"` warns for as long as the list says so; `mode: "block"` with `enforceFrom` warns until
 * 00:00 UTC on that date and blocks from then on. This is `effectiveMode` in blocklist/verify.ts, the
 * verifier's own reading, restated here so that the pages do not load the verifier (and its Public
 * Suffix List) to draw a status; test/unit/view-status.test.ts checks that the two always agree.
 */
export function appStatus(app: Pick<EnforcedApp, 'mode' | 'enforceFrom'>, now: Date): AppStatus {
  if (app.mode === 'warn') return { kind: 'warn' };
  if (app.enforceFrom === undefined) return { kind: 'blocked' };
  const deadline = `${app.enforceFrom}T00:00:00Z`;
  return now.getTime() < Date.parse(deadline) ? { kind: 'warn', deadline } : { kind: 'blocked' };
}
