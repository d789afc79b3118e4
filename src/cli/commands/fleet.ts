import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { nowOption, optionalString, flag } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import { describeFsError, writeFileAtomic } from '../files.ts';
import { fleetHtml } from '../fleet/html.ts';
import { readExportLines, type ReadResult } from '../fleet/observations.ts';
import { summarize, type FleetSummary } from '../fleet/summary.ts';

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `24h`, `90m`, `7d`. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d{1,6})([mhd])$/.exec(text);
  if (!match) throw new UsageError(`--${option} must be a duration like 90m, 24h or 7d, not "${text}"`);
  return Number(match[1]) * (UNITS[match[2] as string] ?? 0);
}

/** A UTC time, or a duration back from `now`. */
function timeOrAgo(text: string, now: number, option: string): number {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  if (/^\d+[mhd]$/.test(text)) return now - parseDuration(text, option);
  throw new UsageError(`--${option} must be a UTC time like 2026-06-01T12:00:00Z or a duration like 3d, not "${text}"`);
}

/**
 * Every line of the inputs: files, the files of a directory (sorted by name, as a collector rotates
 * them), or stdin for `-`. Read in chunks and yielded line by line, so that a fleet's day of records
 * (hundreds of megabytes) never has to fit in one string.
 */
function* inputLines(paths: readonly string[]): Generator<string> {
  for (const path of paths) {
    try {
      if (path === '-') yield* linesOf(0);
      else if (statSync(path).isDirectory()) {
        for (const name of readdirSync(path).sort()) {
          const file = join(path, name);
          if (statSync(file).isFile()) yield* linesOfFile(file);
        }
      } else yield* linesOfFile(path);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`cannot read ${path}: ${describeFsError(e)}`);
    }
  }
}

function* linesOfFile(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    yield* linesOf(fd);
  } finally {
    closeSync(fd);
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function* linesOf(fd: number): Generator<string> {
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        // A non-blocking stdin (a pipe a parent set so) has no data yet: wait a moment rather than spin.
        Atomics.wait(PAUSE, 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    const lines = (rest + decoder.write(buffer.subarray(0, n))).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

/** Browsers listed by name in the text output; --json and --html have more. */
const SHOWN = 20;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const int = (n: number) => n.toLocaleString('en-US');
const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

function duration(ms: number | undefined): string {
  if (ms === undefined) return 'not yet';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function describeFleet(summary: FleetSummary, read: ReadResult): string[] {
  const lines = [
    `Browsers seen ${iso(summary.from)} to ${iso(summary.to)}: ${int(summary.seen)}`,
    `  current ${int(summary.health.current)} · stale ${int(summary.health.stale)} · error ${int(summary.health.error)}`,
    'Serial held (latest report of each browser seen)',
    ...summary.serials.map((s) => `  ${s.listId ?? '(built-in catalogue)'}${s.serial === undefined ? '' : ` serial ${s.serial}`}: ${int(s.browsers)} (${pct(s.browsers, summary.seen)})`),
  ];
  if (summary.problems.length > 0) {
    lines.push('Problems (latest report)');
    for (const p of summary.problems) lines.push(`  ${p.code}: ${int(p.browsers)}`);
  }
  const n = summary.newest;
  if (n !== undefined) {
    lines.push(`Newest serial: ${n.listId} ${n.serial}, first reported ${iso(n.firstSeen)}; held by ${int(n.holding)} of ${int(n.of)} browsers seen (${pct(n.holding, n.of)})`);
    lines.push(`  50 % after ${duration(n.after[50])} · 90 % after ${duration(n.after[90])} · 99 % after ${duration(n.after[99])}`);
  }
  if (summary.attention.length > 0) {
    lines.push(`Stale or failing (latest report): ${int(summary.attention.length)}`);
    for (const b of summary.attention.slice(0, SHOWN)) {
      lines.push(`  ${b.install}${b.label === undefined ? '' : ` (${b.label})`}: ${b.health}${b.problem === undefined ? '' : ` ${b.problem}`}, serial ${b.serial ?? '-'}, reported ${iso(b.lastSeen)}`);
    }
    if (summary.attention.length > SHOWN) lines.push(`  … and ${int(summary.attention.length - SHOWN)} more (--json lists them all)`);
  }
  if (summary.quiet !== undefined) {
    lines.push(`Not seen since ${iso(summary.quiet.since)}: ${int(summary.quiet.browsers.length)}`);
    for (const b of summary.quiet.browsers.slice(0, SHOWN)) {
      lines.push(`  ${b.install}${b.label === undefined ? '' : ` (${b.label})`}: last seen ${iso(b.lastSeen)}${b.serial === undefined ? '' : `, serial ${b.serial}`}`);
    }
    if (summary.quiet.browsers.length > SHOWN) lines.push(`  … and ${int(summary.quiet.browsers.length - SHOWN)} more (--json lists them all)`);
  }
  if (read.badLines > 0) lines.push(`(${int(read.badLines)} line(s) were not OTLP JSON and were skipped)`);
  return lines;
}

/**
 * JSON with every character outside printable ASCII as a \\u escape: still the same JSON to a parser,
 * and nothing a browser put in a device label can act on the terminal or be escaped into invalid JSON.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const fleet: Command = {
  name: 'fleet',
  summary: "summarise the browsers' status reports: who holds which serial, problems, uptake",
  help: `Usage: cordon fleet [options] FILE|DIRECTORY|- ...

Reads the status records Cordon's browsers sent to an OpenTelemetry collector (policy reportUrl,
docs/reporting.md): OTLP JSON, one export request per line, as the Collector's file exporter writes
it. Give files, directories of such files, or - for stdin. Prints the browsers seen in the window, the
serial each holds, stale and failing browsers by problem code, the newest serial's uptake (time until
50, 90 and 99 % of the browsers seen held it), and with --not-seen-since the browsers gone quiet.

Options:
  --window D            how far back a browser counts as seen (default 24h; m, h or d)
  --not-seen-since T    list browsers whose last report is older than T (a UTC time or a duration: 3d)
  --now TIME            the end of the window (UTC, default now)
  --json                the same as JSON, for scripts
  --html FILE           also write a self-contained report page (charts of the recent serials' uptake)
  -h, --help            show this help`,
  options: {
    window: { type: 'string' },
    'not-seen-since': { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    html: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('fleet: give the collector output: FILE, DIRECTORY or - (see cordon fleet --help)');
    const now = nowOption(values, io.now).getTime();
    const windowMs = parseDuration(optionalString(values, 'window') ?? '24h', 'window');
    const quiet = optionalString(values, 'not-seen-since');
    const read = readExportLines(inputLines(positionals));
    const summary = summarize(read.observations, { now, windowMs, ...(quiet === undefined ? {} : { quietSince: timeOrAgo(quiet, now, 'not-seen-since') }) });
    const html = optionalString(values, 'html');
    if (html !== undefined) {
      try {
        writeFileAtomic(html, fleetHtml(summary, io.now()));
      } catch (e) {
        throw new CliError(`cannot write ${html}: ${describeFsError(e)}`);
      }
    }
    if (flag(values, 'json')) {
      io.out(asciiJson({ ...summary, badLines: read.badLines, otherRecords: read.otherRecords }));
    } else {
      for (const line of describeFleet(summary, read)) io.out(line);
    }
    return EXIT_OK;
  },
};
