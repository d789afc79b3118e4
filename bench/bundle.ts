/**
 * Bundle sizes of the built extension (dist/): the service worker, the popup and the block page, each
 * with every file it loads (followed from the manifest and the HTML, then import by import), raw, gzip
 * and brotli.
 *
 * Then what the service worker is made of: the same entry is bundled again in memory with source maps
 * (vite, same minifier and target as the real build) and every byte of the minified output is
 * attributed to the source file it came from. Two "what if" builds swap a dependency for a stub (in
 * this benchmark only; src/ is untouched) to show what each costs.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
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

interface WhatIf {
  readonly label: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface BundleResult {
  readonly entries: EntrySize[];
  readonly staticRuleset: FileSize | undefined;
  readonly distTotal: number;
  /** Minified bytes of the in-memory service worker build, by source group. */
  readonly composition: { readonly total: number; readonly parts: Part[] } | { readonly error: string };
  readonly whatIf: WhatIf[];
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

type Alias = { readonly find: RegExp; readonly replacement: string };

async function bundleWorker(aliases: readonly Alias[]): Promise<{ code: string; map: Rollup.SourceMap | null }> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    define: { __BROWSER__: JSON.stringify('chrome') },
    resolve: { alias: [...aliases] },
    build: {
      write: false,
      sourcemap: true,
      minify: true,
      target: 'chrome137',
      modulePreload: false,
      rollupOptions: { input: join(ROOT, 'src/background/index.ts'), output: { format: 'es', entryFileNames: 'sw.js' } },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry);
  if (!chunk) throw new Error('no service-worker chunk in the in-memory build');
  return { code: chunk.code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: chunk.map };
}

/** Stand-ins for the what-if builds, each about the size of the code that would replace the dependency. */
const STUB_CATALOGUE = `// What-if: the built-in catalogue as a JSON asset, read when a policy names catalogue entries.
let apps = [];
export const CATALOGUE = apps;
export const DEFAULT_BUILTIN_APP_IDS = ['tiktok'];
export async function loadCatalogue() {
  apps = await (await fetch(chrome.runtime.getURL('catalogue.json'))).json();
}
export function findCatalogueApp(id) {
  return apps.find((app) => app.id === id);
}
`;
const STUB_POLYFILL = `// What-if: the browser's own promise-based namespace instead of webextension-polyfill.
export default globalThis.browser ?? globalThis.chrome;
`;

async function composition(ctx: BenchContext): Promise<{ composition: BundleResult['composition']; whatIf: WhatIf[] }> {
  const stubs = join(ctx.rawDir, 'bundle-stubs');
  mkdirSync(stubs, { recursive: true });
  writeFileSync(join(stubs, 'polyfill.js'), STUB_POLYFILL);
  writeFileSync(join(stubs, 'catalogue.js'), STUB_CATALOGUE);
  const polyfill: Alias = { find: /^webextension-polyfill$/, replacement: join(stubs, 'polyfill.js') };
  const catalogue: Alias = { find: /^(?:\.\.?\/)+(?:core\/)?catalogue\/index\.ts$/, replacement: join(stubs, 'catalogue.js') };
  const measure = (code: string) => ({ raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length });

  let comp: BundleResult['composition'];
  const whatIf: WhatIf[] = [];
  try {
    const actual = await bundleWorker([]);
    if (!actual.map) throw new Error('no source map');
    const sources = actual.map.sources.map((s) => relative(ROOT, resolve(dirname(join(ROOT, 'sw.js')), s)));
    const byFile = attributeBytes(actual.code, actual.map.mappings, sources);
    const groups = new Map<string, number>();
    for (const [file, n] of byFile) groups.set(groupOf(file), (groups.get(groupOf(file)) ?? 0) + n);
    comp = { total: Buffer.byteLength(actual.code), parts: [...groups].map(([group, n]) => ({ group, bytes: n })).sort((a, b) => b.bytes - a.bytes) };
    whatIf.push({ label: 'as built (in-memory rebuild of the same entry)', ...measure(actual.code) });
  } catch (error) {
    comp = { error: String(error) };
  }
  try {
    // The worker uses the browsers' own namespace already (src/background/browser-api.ts); the polyfill
    // alias stays so that a what-if build never pulls it back in through a shared module.
    const steps: [string, Alias[]][] = [['the built-in catalogue as a JSON asset read at start', [polyfill, catalogue]]];
    for (const [label, aliases] of steps) whatIf.push({ label, ...measure((await bundleWorker(aliases)).code) });
  } catch (error) {
    ctx.log(`bundle what-if builds failed: ${String(error)}`);
  }
  return { composition: comp, whatIf };
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
  ];
  const rulesetPath = manifest.declarative_net_request?.rule_resources?.[0]?.path;
  const distTotal = walk(dist).reduce((n, f) => n + readFileSync(f).length, 0);
  for (const e of entries) ctx.log(`bundle ${e.entry}: ${bytes(e.raw)} raw, ${bytes(e.gzip)} gzip`);
  const { composition: comp, whatIf } = await composition(ctx);
  return { entries, staticRuleset: rulesetPath ? sizeOf(dist, rulesetPath) : undefined, distTotal, composition: comp, whatIf };
}

function report(result: BundleResult): { markdown: string; headlines: Headline[] } {
  const sw = result.entries[0];
  const label = (entry: string) =>
    entry.endsWith('.js') ? `service worker (\`${entry}\`)` : entry.includes('popup') ? `popup (\`${entry}\`)` : `block page (\`${entry}\`)`;
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
  const whatIfRows = result.whatIf.map((w) => [w.label, bytes(w.raw), bytes(w.gzip), w.raw <= GOAL_SW_BYTES ? 'yes' : 'no']);
  const markdown = [
    'Sizes of what each part of the extension loads, followed from `dist/manifest.json` and the HTML pages import by import (a chunk shared by two pages counts in both). Raw is the minified file as shipped (Chromium reads extension files from disk uncompressed; the goal is about raw bytes); gzip -9 and brotli -11 show what the code would weigh over the wire.',
    '',
    table(['part', 'files', 'raw', 'gzip', 'brotli'], rows),
    '',
    table(['file', 'loaded by', 'raw', 'gzip'], fileRows),
    '',
    result.staticRuleset ? `The static ruleset \`${result.staticRuleset.file}\` (the built-in TikTok entry, enforced before any code runs) is ${bytes(result.staticRuleset.raw)}; the whole \`dist/\` is ${bytes(result.distTotal)} including icons and locales.` : '',
    '',
    '**What the service worker is made of.** The worker entry (`src/background/index.ts`) bundled again in memory with vite (same minifier, target chrome137) and source maps; each byte of minified output is attributed to the source it came from:',
    '',
    parts,
    '',
    '**What else would shrink it.** The same in-memory build with one dependency replaced by a stand-in of the size of the code that would replace it (`bench/bundle.ts`; `src/` unchanged):',
    '',
    table(['build', 'raw', 'gzip', '≤ 64 KiB'], whatIfRows),
    '',
    analysis(result),
  ].join('\n');
  return { markdown, headlines };
}

function analysis(result: BundleResult): string {
  const comp = result.composition;
  if ('error' in comp) return '';
  const share = (prefix: string) => comp.parts.filter((p) => p.group.startsWith(prefix)).reduce((n, p) => n + p.bytes, 0);
  const polyfill = share('webextension-polyfill');
  const catalogue = share('src/core/catalogue');
  const verifier = share('src/core/blocklist');
  const own = share('src/core (') + share('src/background');
  const [, noCatalogue] = result.whatIf;
  const sw = result.entries[0];
  return [
    `**Reading.** The worker loads ${sw ? bytes(sw.raw) : '?'} when it starts. The Public Suffix List is not part of it: its rules ship as data (\`psl.json\`, about 186 KB) that the worker reads only when it verifies a new list, and a stored list is verified again when the browser starts (or the trust settings change) without the name checks it passed when it arrived. webextension-polyfill is not part of it either (${bytes(polyfill)}): the worker calls the browsers' own promise-based namespace (\`browser\` in Firefox, \`chrome\` in Chromium; \`src/background/browser-api.ts\`) and answers messages through \`sendResponse\`, which both support natively, so 10 KB loaded at every start for nothing are gone; the popup and the block page keep the polyfill. What is left: Cordon's own code (${bytes(own)}: update cycle, policy, compiler, proxies), the verifier (${bytes(verifier)}) and the built-in catalogue (${bytes(catalogue)}).`,
    noCatalogue
      ? `The catalogue as a JSON asset would give ${bytes(noCatalogue.raw)}, but it would arrive only after an asynchronous read, and the worker needs it in its first synchronous turn: the \`webNavigation\` filter for the catalogue's hosts must be registered then, or Chromium does not wake a stopped worker for those navigations. That is why the catalogue stays code; without it the worker would still load more than the goal.`
      : '',
    `Rarely used code cannot be left out of the start either: Chromium's extension service workers refuse \`import()\`, and in a classic worker \`importScripts()\` called after the worker's first evaluation fails with a NetworkError (measured in Chromium 156), so everything the worker may need (verifying a list or an override code, the fleet report, the warning allowances) loads whenever it starts. Meeting 64 KiB would take dropping features, or moving verification and compilation out of the worker: into an offscreen document on Chrome (a new permission, a document to start for every update, and a message boundary on the path that decides trust; Firefox's event page can use \`import()\` lazily). Until then what remains is kept small file by file and measured here at every run. What the size costs is measured too, in the worker start-up section: the time from a wake-up to the worker being ready for events, against a worker of one line in the same browser.`,
  ]
    .filter(Boolean)
    .join(' ');
}

export const bundleBenchmark: Benchmark<BundleResult> = {
  id: 'bundle',
  title: 'Bundle sizes',
  run,
  report,
};
