/**
 * Network prediction (preconnect, DNS prefetch, prefetch) opens connections to a page's hosts before
 * any request is sent, where declarativeNetRequest cannot see them. Cordon turns it off through the
 * `privacy` API; this decides, from the setting as the browser reports it, whether that holds.
 *
 * Any extension installed later can take the setting over (the most recently installed extension
 * wins) and turn prediction back on; an enterprise policy can force it either way. Cordon cannot take
 * it back from either, so it says so: requests to blocked hosts stay blocked by the rules, but
 * connections (never requests) can open again.
 */
export type LevelOfControl =
  | 'not_controllable'
  | 'controlled_by_other_extensions'
  | 'controllable_by_this_extension'
  | 'controlled_by_this_extension';

export type PredictionStatus =
  /** Off: by Cordon, by policy (`NetworkPredictionOptions: 2`) or by anyone else. */
  | 'off'
  /** On, and Cordon may set it: turn it off. */
  | 'turn-off'
  /** On, and another extension controls it. */
  | 'taken-over'
  /** On, and an enterprise policy fixes it so. */
  | 'forced-on';

export function predictionStatus(setting: { readonly value: unknown; readonly levelOfControl: string }): PredictionStatus {
  if (setting.value === false) return 'off';
  if (setting.levelOfControl === 'controlled_by_other_extensions') return 'taken-over';
  if (setting.levelOfControl === 'not_controllable') return 'forced-on';
  return 'turn-off';
}

export type PredictionRecord = { readonly status: 'taken-over' | 'forced-on'; readonly at: string };

/** What the state records for `status`: nothing while prediction is off; the earlier record if unchanged. */
export function nextPredictionRecord(previous: PredictionRecord | undefined, status: PredictionStatus, at: string): PredictionRecord | undefined {
  if (status !== 'taken-over' && status !== 'forced-on') return undefined;
  return previous?.status === status ? previous : { status, at };
}
