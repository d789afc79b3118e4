/**
 * Bundle sizes of the built extension (dist/): the service worker, the popup and the block page, each
 * with every file it loads (followed from the manifest and the HTML, then import by import), raw, gzip
 * and brotli.
 *
 * Then what the service worker is made of: the same entry is bundled again in memory with source maps
 * (the build's own classic-script bundler, scripts/vite-plugin-classic-worker.ts) and every byte of the
 * minified output is attributed to the source file it came from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { VERIFIER_SCRIPT } from '../src/background/verifier-handoff.ts';
import { buildClassicScript, WORKER_ENTRY } from '../scripts/vite-plugin-classic-worker.ts';
import { bytes, pct, table } from './lib/format.ts';
import type { Benchmark, BenchContext, Headline } from './lib/types.ts';

/** Issue #13: at most 64 KiB of JavaScript loaded when the worker starts. */
const GOAL_SW_BYTES = 64 * 1024;
const ROOT = resolve(import.meta.dirname, '..');

interface FileSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

interface EntrySize {
  readonly entry: string;
  readonly files: FileSize[];
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

interface Part {
  readonly group: string;
  readonly bytes: number;
}

export interface BundleResult {
  readonly entries: EntrySize[];
  readonly staticRuleset: FileSize | undefined;
  readonly distTotal: number;
  /** Minified bytes of the in-memory service worker build, by source group. */
  readonly composition: { readonly total: number; readonly parts: Part[] } | { readonly error: string };
}

function sizeOf(dist: string, file: string): FileSize {
  const data = readFileSync(join(dist, file));
  return {
    file,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** dist-relative paths a file loads: static and dynamic JS imports, and an HTML page's scripts and styles. */
function referencesOf(dist: string, file: string): string[] {
  const text = readFileSync(join(dist, file), 'utf8');
  const specifiers = file.endsWith('.html')
    ? [...text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '')
    : file.endsWith('.js')
      ? [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? '')
      : [];
  return specifiers
    .filter((s) => s.startsWith('.') || s.startsWith('/'))
    .map((s) => (s.startsWith('/') ? s.slice(1) : posix.normalize(posix.join(posix.dirname(file), s))));
}

function entrySize(dist: string, entry: string): EntrySize {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...referencesOf(dist, file));
  }
  const files = [...seen].map((f) => sizeOf(dist, f));
  const sum = (k: 'raw' | 'gzip' | 'brotli') => files.reduce((n, f) => n + f[k], 0);
  return { entry, files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

// ---- source-map attribution ----

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Bytes of generated code per source file: each mapping segment owns the bytes up to the next one. */
export function attributeBytes(code: string, mappings: string, sources: readonly string[]): Map<string, number> {
  const byFile = new Map<string, number>();
  const add = (file: string, n: number) => byFile.set(file, (byFile.get(file) ?? 0) + n);
  const lines = code.split('\n');
  let sourceIndex = 0;
  mappings.split(';').forEach((line, lineNumber) => {
    const text = lines[lineNumber] ?? '';
    let column = 0;
    const segments: { column: number; file: string }[] = [];
    for (const raw of line.split(',')) {
      if (!raw) continue;
      // [generated column, source index, source line, source column, name]: only the first two matter here.
      const [dColumn = 0, dSource] = decodeVlq(raw);
      column += dColumn;
      if (dSource !== undefined) sourceIndex += dSource;
      segments.push({ column, file: dSource === undefined ? '(unmapped)' : (sources[sourceIndex] ?? '(unmapped)') });
    }
    add('(unmapped)', Buffer.byteLength(text.slice(0, segments[0]?.column ?? text.length)));
    segments.forEach((s, i) => add(s.file, Buffer.byteLength(text.slice(s.column, segments[i + 1]?.column ?? text.length))));
    if (lineNumber < lines.length - 1) add('(unmapped)', 1); // the newline
  });
  return byFile;
}

function groupOf(file: string): string {
  const f = file.replace(/\\/g, '/');
  // The minifier inlines the trie's data arrays where the lookup uses them, so the source map cannot
  // separate data from lookup: they are one group.
  if (f.includes('/tldts/')) return 'tldts: the Public Suffix List (compiled trie) and its lookup';
  if (f.includes('/tldts-core/')) return 'tldts-core: host parsing helpers';
  if (f.includes('webextension-polyfill')) return 'webextension-polyfill';
  if (f.includes('src/core/catalogue')) return 'src/core/catalogue (built-in entries)';
  if (f.includes('src/core/blocklist')) return 'src/core/blocklist (the verifier)';
  if (f.includes('src/core/')) return 'src/core (domains, rules, state, fetch, …)';
  if (f.includes('src/background')) return 'src/background (the worker itself)';
  return 'bundler runtime and unmapped';
}

async function composition(): Promise<BundleResult['composition']> {
  try {
    const worker = await buildClassicScript(ROOT, join(ROOT, WORKER_ENTRY), 'sw.js', { define: { __BROWSER__: JSON.stringify('chrome') }, target: 'chrome137', sourcemap: true });
    if (!worker.map) throw new Error('no source map');
    const byFile = attributeBytes(worker.code, worker.map.mappings, worker.sources);
    const groups = new Map<string, number>();
    for (const [file, n] of byFile) groups.set(groupOf(file), (groups.get(groupOf(file)) ?? 0) + n);
    return { total: Buffer.byteLength(worker.code), parts: [...groups].map(([group, n]) => ({ group, bytes: n })).sort((a, b) => b.bytes - a.bytes) };
  } catch (error) {
    return { error: String(error) };
  }
}

async function run(ctx: BenchContext): Promise<BundleResult> {
  const dist = ctx.dist;
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    action?: { default_popup?: string };
    declarative_net_request?: { rule_resources?: { path: string }[] };
  };
  const entries = [
    entrySize(dist, manifest.background.service_worker),
    entrySize(dist, manifest.action?.default_popup ?? 'src/popup/index.html'),
    entrySize(dist, 'src/blocked/index.html'),
    entrySize(dist, VERIFIER_SCRIPT),
  ];
  const rulesetPath = manifest.declarative_net_request?.rule_resources?.[0]?.path;
  const distTotal = walk(dist).reduce((n, f) => n + readFileSync(f).length, 0);
  for (const e of entries) ctx.log(`bundle ${e.entry}: ${bytes(e.raw)} raw, ${bytes(e.gzip)} gzip`);
  return { entries, staticRuleset: rulesetPath ? sizeOf(dist, rulesetPath) : undefined, distTotal, composition: await composition() };
}

function report(result: BundleResult): { markdown: string; headlines: Headline[] } {
  const sw = result.entries[0];
  const label = (entry: string) =>
    entry === VERIFIER_SCRIPT
      ? `verifier, run by the worker only to verify (\`${entry}\`)`
      : entry.endsWith('.js')
        ? `service worker (\`${entry}\`)`
        : entry.includes('popup')
          ? `popup (\`${entry}\`)`
          : `block page (\`${entry}\`)`;
  const headlines: Headline[] = [
    {
      what: 'Service worker bundle (minified)',
      goal: `≤ ${bytes(GOAL_SW_BYTES)}`,
      measured: sw ? `${bytes(sw.raw)} raw, ${bytes(sw.gzip)} gzip` : 'n/a',
      verdict: sw ? (sw.raw <= GOAL_SW_BYTES ? 'met' : 'missed') : 'not measured',
    },
  ];
  const rows = result.entries.map((e) => [label(e.entry), String(e.files.length), bytes(e.raw), bytes(e.gzip), bytes(e.brotli)]);
  const fileRows = result.entries.flatMap((e) => e.files.map((f) => [`\`${f.file}\``, label(e.entry).split(' (')[0] ?? '', bytes(f.raw), bytes(f.gzip)]));
  const parts =
    'error' in result.composition
      ? `Composition not measured: ${result.composition.error}`
      : table(
          ['source', 'minified bytes', 'share'],
          result.composition.parts.map((p) => [p.group, bytes(p.bytes), pct(p.bytes / (result.composition as { total: number }).total)]),
        );
  const markdown = [
    'Sizes of what each part of the extension loads, followed from `dist/manifest.json` and the HTML pages import by import (a chunk shared by two pages counts in both). Raw is the minified file as shipped (Chromium reads extension files from disk uncompressed; the goal is about raw bytes); gzip -9 and brotli -11 show what the code would weigh over the wire.',
    '',
    table(['part', 'files', 'raw', 'gzip', 'brotli'], rows),
    '',
    table(['file', 'loaded by', 'raw', 'gzip'], fileRows),
    '',
    result.staticRuleset ? `The static ruleset \`${result.staticRuleset.file}\` (the built-in TikTok entry, enforced before any code runs) is ${bytes(result.staticRuleset.raw)}; the whole \`dist/\` is ${bytes(result.distTotal)} including icons and locales.` : '',
    '',
    '**What the service worker is made of.** The worker entry (`src/background/index.ts`) bundled again in memory by the build\'s own bundler for it (`scripts/vite-plugin-classic-worker.ts`, with source maps); each byte of minified output is attributed to the source it came from:',
    '',
    parts,
    '',
    analysis(result),
  ].join('\n');
  return { markdown, headlines };
}

function analysis(result: BundleResult): string {
  const comp = result.composition;
  if ('error' in comp) return '';
  const share = (prefix: string) => comp.parts.filter((p) => p.group.startsWith(prefix)).reduce((n, p) => n + p.bytes, 0);
  const [sw, , , verifier] = result.entries;
  return [
    `**Reading.** The worker loads ${sw ? bytes(sw.raw) : '?'} when it starts: Cordon's own code (${bytes(share('src/core (') + share('src/background'))}: update cycle, policy, compiler, reporting, warnings), the built-in catalogue (${bytes(share('src/core/catalogue'))}, needed in the worker's first turn for the \`webNavigation\` filter of the catalogue's hosts) and what the policy check needs of the list format (${bytes(share('src/core/blocklist'))}: key and text checks).`,
    `The verifier (${verifier ? bytes(verifier.raw) : '?'}: signatures, the strict format, the name checks, override codes) is a script of its own, \`${VERIFIER_SCRIPT}\`, which the worker runs only when something must be verified: a new list, the stored list after a change of trust settings or at browser start, an override code (\`src/background/load-verifier.ts\`).`,
    "Chromium's extension service workers refuse `import()`, and `importScripts()` after installation runs only scripts the worker imported while it was installing (measured in Chromium 156; any other script fails with a NetworkError). So the worker is a classic script that imports the verifier once in its install event; from then on every start, across stops and browser restarts, can run it on demand and a wake-up that verifies nothing never parses it. Firefox's event page loads the same module with `import()`.",
    `The Public Suffix List's rules are data (\`psl.json\`, about 186 KB) that the verifier reads only when it checks the names of a new list. webextension-polyfill is not loaded by the worker (${bytes(share('webextension-polyfill'))}): it calls the browsers' own promise-based namespace (\`src/background/browser-api.ts\`); the popup and the block page keep the polyfill.`,
    'What a start costs is measured in the worker start-up section: the time from a wake-up to the worker being ready for events, against a worker of one line in the same browser.',
  ].join(' ');
}

export const bundleBenchmark: Benchmark<BundleResult> = {
  id: 'bundle',
  title: 'Bundle sizes',
  run,
  report,
};
