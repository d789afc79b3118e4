/** Typed access to parseArgs results, with usage errors that name the option. */
import { UsageError } from './errors.ts';
import type { Values } from './command.ts';

export function optionalString(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requiredString(values: Values, name: string, command: string): string {
  const v = optionalString(values, name);
  if (v === undefined) throw new UsageError(`${command}: missing --${name} (see cordon ${command} --help)`);
  return v;
}

export function stringList(values: Values, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((item) => {
    if (typeof item !== 'string' || item === '') throw new UsageError(`--${name} needs a value`);
    return item;
  });
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

export function positiveInteger(values: Values, name: string): number | undefined {
  const v = optionalString(values, name);
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} must be a whole number of at least 1, not "${v}"`);
  return Number(v);
}

/** 0 included: the verifier, not the option parser, explains why a threshold of 0 is refused. */
export function wholeNumber(values: Values, name: string): number | undefined {
  const v = optionalString(values, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,16}$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} must be a whole number, not "${v}"`);
  return Number(v);
}

/** `--now` makes runs reproducible (tests, "will this list still be valid on Monday?"). */
export function nowOption(values: Values, fallback: () => Date): Date {
  const v = optionalString(values, 'now');
  if (v === undefined) return fallback();
  const date = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(v) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now must be a UTC time like 2026-06-01T12:00:00Z, not "${v}"`);
  }
  return date;
}

export function onePositional(positionals: readonly string[], what: string, command: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${what} (see cordon ${command} --help)`);
  const [only, ...extra] = positionals;
  if (only === undefined || extra.length > 0) {
    throw new UsageError(`${command}: expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  return only;
}
