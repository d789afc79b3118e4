/** Dates, relative times, durations and key fingerprints in the browser's language. */
import type { ViewEnv } from './i18n.ts';

type Env = Pick<ViewEnv, 'locale' | 'timeZone'>;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function safeFormat(make: () => string, fallback: string): string {
  try {
    return make();
  } catch {
    return fallback;
  }
}

/** A calendar day (`YYYY-MM-DD`, as lists write `since` and change dates), e.g. "1 Mar 2025". */
export function formatDay(day: string, env: Env): string {
  if (!DAY_RE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return day;
  // A day is not an instant: format it in UTC so that no time zone moves it to the day before.
  return safeFormat(
    () => new Intl.DateTimeFormat(env.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
    day,
  );
}

/** An instant (ISO 8601), with date and time in the reader's time zone. */
export function formatInstant(iso: string, env: Env): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return safeFormat(
    () =>
      new Intl.DateTimeFormat(env.locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(env.timeZone === undefined ? {} : { timeZone: env.timeZone }),
      }).format(new Date(ms)),
    iso,
  );
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "5 minutes ago", "in 2 days", "now": the largest unit that fits, rounded. */
export function formatRelative(iso: string, env: Pick<ViewEnv, 'locale' | 'now'>): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const delta = ms - env.now.getTime();
  const format = new Intl.RelativeTimeFormat(env.locale, { numeric: 'auto' });
  if (Math.abs(delta) < 45_000) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') return format.format(Math.round(delta / size), unit);
  }
  return format.format(0, 'second');
}

/** "10 minutes", "30 seconds". */
export function formatDuration(seconds: number, env: Pick<ViewEnv, 'locale'>): string {
  const [value, unit] = seconds >= 60 && seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return new Intl.NumberFormat(env.locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A key id (16 hex digits) as a short fingerprint in groups of four: "332b 2ccf 8e09 4afd". */
export function fingerprint(keyId: string): string {
  return /^[0-9a-f]{16}$/.test(keyId) ? (keyId.match(/.{4}/g) ?? []).join(' ') : keyId.slice(0, 32);
}
