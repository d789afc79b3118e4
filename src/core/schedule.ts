/**
 * When to check for a new list. A fleet that refreshed on the hour would hit the list host all at once,
 * so every delay carries random jitter; failures back off exponentially, capped at the refresh period.
 * `random` is injected so tests and the fleet simulation are deterministic.
 */
export const MIN_DELAY_MINUTES = 0.5; // Chrome refuses alarms sooner than 30 s.

/** First check after install or browser start: anywhere in the first refresh period. */
export function initialDelayMinutes(refreshMinutes: number, random: () => number): number {
  return Math.max(MIN_DELAY_MINUTES, random() * refreshMinutes);
}

/** After a completed check: the refresh period ±10 %. */
export function refreshDelayMinutes(refreshMinutes: number, random: () => number): number {
  return Math.max(MIN_DELAY_MINUTES, refreshMinutes * (0.9 + 0.2 * random()));
}

/** After `failures` consecutive failures (≥ 1): 1, 2, 4, … minutes, capped, with "equal jitter". */
export function backoffDelayMinutes(failures: number, refreshMinutes: number, random: () => number): number {
  const ceiling = Math.min(refreshMinutes, 2 ** Math.max(0, failures - 1));
  return Math.max(MIN_DELAY_MINUTES, ceiling / 2 + (ceiling / 2) * random());
}
