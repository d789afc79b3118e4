import { MAX_VALIDITY_DAYS } from '../core/blocklist/index.ts';
import { UsageError } from './errors.ts';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90m", "36h", "7d": a whole number and a unit, at most the list's longest validity. */
export function durationMs(text: string, command: string, option: string): number {
  const match = /^([1-9][0-9]{0,5})([mhd])$/.exec(text);
  if (match === null) throw new UsageError(`${command}: ${option} must be a whole number of minutes, hours or days, like 90m, 36h or 7d, not "${text}"`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms > MAX_VALIDITY_DAYS * UNIT_MS.d) throw new UsageError(`${command}: ${option} may be at most ${MAX_VALIDITY_DAYS}d`);
  return ms;
}
