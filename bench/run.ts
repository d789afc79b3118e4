/**
 * `npm run bench`: runs the benchmarks and writes docs/performance.md (figures, machine, method, how to
 * rerun), with the raw results as JSON in test-results/bench/ (gitignored).
 *
 *   node --import tsx bench/run.ts                    all benchmarks → docs/performance.md
 *   node --import tsx bench/run.ts --quick            smoke run: fewer iterations → test-results/bench/performance.md
 *   node --import tsx bench/run.ts --only compile,verify
 *   node --import tsx bench/run.ts --out PATH         write the report elsewhere
 *   node --import tsx bench/run.ts --rerender         rewrite the report from the last run's raw JSON
 *
 * A partial or quick run never overwrites docs/performance.md unless --out names it: the committed
 * document always comes from one full run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { browserBenchmark } from './browser.ts';
import { bundleBenchmark } from './bundle.ts';
import { compileBenchmark } from './compile.ts';
import { fleetBenchmark } from './fleet.ts';
import { fleetReportsBenchmark } from './fleet-reports.ts';
import { snapshotDist } from './lib/chromium.ts';
import { ms, table } from './lib/format.ts';
import { describeMachine } from './lib/machine.ts';
import { installNodeSuffixRules } from '../src/cli/suffix-rules.ts';
import type { Benchmark, BenchContext, Headline, Section } from './lib/types.ts';
import { verifyBenchmark } from './verify.ts';
import { workerStartBenchmark } from './worker-start.ts';

// The Public Suffix List for src/core's domain checks (core/public-suffix.ts).
installNodeSuffixRules();

const ROOT = resolve(import.meta.dirname, '..');
const RAW_DIR = join(ROOT, 'test-results', 'bench');
const DOC = join(ROOT, 'docs', 'performance.md');

const ALL: readonly Benchmark[] = [compileBenchmark, verifyBenchmark, browserBenchmark, bundleBenchmark, workerStartBenchmark, fleetBenchmark, fleetReportsBenchmark] as Benchmark[];

interface Args {
  readonly rerender: boolean;
  readonly quick: boolean;
  readonly only: readonly string[] | undefined;
  readonly out: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  let quick = false;
  let rerender = false;
  let only: string[] | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--rerender') rerender = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      only = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      out = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node --import tsx bench/run.ts [--quick] [--only compile,verify,browser,bundle,start,fleet,fleet-reports] [--out PATH] [--rerender]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  const unknown = (only ?? []).filter((id) => !ALL.some((b) => b.id === id));
  if (unknown.length) {
    console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; choose from ${ALL.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  return { rerender, quick, only, out };
}

interface RunRecord {
  readonly args: Args;
  readonly machine: BenchContext['machine'];
  readonly totalSeconds: number;
  readonly sections: { readonly id: string; readonly seconds: number; readonly load: [number, number]; readonly failed?: string }[];
}

/** Rewrites the report from the raw JSON of the last run (after editing a report's wording). */
function rerender(args: Args): void {
  const record = JSON.parse(readFileSync(join(RAW_DIR, 'run.json'), 'utf8')) as RunRecord;
  const ctx: BenchContext = { quick: record.args.quick, rawDir: RAW_DIR, dist: join(RAW_DIR, 'dist'), machine: record.machine, log: (m) => console.log(m) };
  const sections = record.sections.map((entry) => {
    const bench = ALL.find((b) => b.id === entry.id);
    if (!bench) throw new Error(`unknown benchmark ${entry.id} in run.json`);
    const section: Section = entry.failed
      ? { markdown: `Not measured: this benchmark failed (${entry.failed}).`, headlines: [] }
      : bench.report((JSON.parse(readFileSync(join(RAW_DIR, `${bench.id}.json`), 'utf8')) as { result: unknown }).result, ctx);
    return { bench, section, seconds: entry.seconds, load: entry.load };
  });
  const runArgs = { ...record.args, out: args.out };
  const out = args.out ? resolve(args.out) : record.args.quick || record.args.only ? join(RAW_DIR, 'performance.md') : DOC;
  writeFileSync(out, documentOf(runArgs, ctx, sections, record.totalSeconds));
  console.log(`rewrote ${relative(ROOT, out)} from ${relative(ROOT, RAW_DIR)}/*.json`);
}

const VERDICT: Record<Headline['verdict'], string> = {
  met: '✅ met',
  missed: '❌ missed',
  inconclusive: '≈ within the noise',
  'not measured': '— not measured',
  info: 'reference',
};

function documentOf(args: Args, ctx: BenchContext, sections: { bench: Benchmark; section: Section; seconds: number; load: [number, number] }[], totalSeconds: number): string {
  const m = ctx.machine;
  const headlines = sections.flatMap((s) => s.section.headlines);
  const partial = args.quick || args.only;
  const command = `node --import tsx bench/run.ts${args.quick ? ' --quick' : ''}${args.only ? ` --only ${args.only.join(',')}` : ''}`;
  return [
    '<!-- Generated by `npm run bench` (bench/run.ts). Do not edit by hand: rerun the benchmarks instead. -->',
    '',
    '# Cordon performance',
    '',
    `> **Generated file.** Written by \`${command}\` on ${m.date}${partial ? ' (a partial or quick run: smoke figures, not the reference ones)' : ''}. The goals below come from issues #7, #13 and #14; they are yardsticks to measure against, not test assertions. This run took ${Math.max(1, Math.round(totalSeconds / 60))} minute(s); see [How to rerun](#how-to-rerun).`,
    '',
    '## Summary',
    '',
    table(['what', 'goal', 'measured', 'verdict'], headlines.map((h) => [h.what, h.goal, h.measured, VERDICT[h.verdict]])),
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpuModel}, ${m.cores} cores`],
        ['memory', `${m.memoryGiB} GiB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Chromium', m.chromium],
        ['load average (1 min) at start', m.loadAtStart.toFixed(2)],
      ],
    ),
    '',
    `The machine is shared: other people's builds and real-browser tests ran on it at the same time, so figures carry noise. Each section's run time and the 1-minute load average before and after it are: ${sections.map((s) => `${s.bench.id} ${Math.round(s.seconds)} s (load ${s.load[0].toFixed(1)} → ${s.load[1].toFixed(1)})`).join(', ')}. On ${m.cores} cores a load above ${m.cores} means the benchmark was competing for the CPU: medians and especially p95 are then pessimistic, and the minimum is the better estimate of the intrinsic cost.`,
    '',
    '## How to rerun',
    '',
    '```sh',
    'npm run bench                                      # vite build, then every benchmark; rewrites this file',
    'node --import tsx bench/run.ts --quick             # smoke run (about 2 minutes) → test-results/bench/performance.md',
    'node --import tsx bench/run.ts --only compile,fleet # some benchmarks → test-results/bench/performance.md',
    'node --import tsx bench/run.ts --rerender          # rewrite the report from the last run\'s raw JSON',
    'CORDON_BENCH_BROWSER_PARTS=update,apply node --import tsx bench/run.ts --only browser   # some browser parts',
    'CORDON_BENCH_YARDSTICK_MINUTES=60 npm run bench    # let the page-load yardstick pass run longer (30 minutes by default)',
    '```',
    '',
    'Raw results (every sample) are written as JSON to `test-results/bench/<benchmark>.json`. The browser benchmarks need `dist/` (`npx vite build`) and Chromium at `/usr/bin/chromium` (`CHROMIUM_PATH` overrides); the ones that need enterprise policy need root (they are skipped otherwise, and say so). Each run copies `dist/` first, so a rebuild during the run cannot change what is measured.',
    '',
    '## Method',
    '',
    '- Timings use `performance.now()` (Node, and inside the service worker where marked). Each figure comes from warm-up runs followed by timed runs; tables give the median, the p95 (nearest rank) and the minimum. "First call" figures are a single call on cold code: a fresh Node process, or the first call in a freshly started worker, since the extension verifies and compiles a list once per update, often right after the worker woke up.',
    '- Inputs are generated from fixed seeds (`bench/lib/random.ts`): realistic domain names (mixed generic and country TLDs including two-label suffixes, CDN-style hosts, 1 % IDN in punycode), every one accepted by `checkCanonicalDomain`. Signed lists are signed by a fresh Ed25519 key with the test harness\'s signer.',
    '- The browser benchmarks reuse the test harness (`test/support/`: traffic server, signer, state readers) with the same Chromium flags as the tests.',
    '',
    ...sections.flatMap(({ bench, section }) => [`## ${bench.title}`, '', section.markdown, '']),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.rerender) return rerender(args);
  const selected = ALL.filter((b) => !args.only || args.only.includes(b.id));
  mkdirSync(RAW_DIR, { recursive: true });
  const needsDist = selected.some((b) => b.id === 'browser' || b.id === 'bundle' || b.id === 'verify' || b.id === 'start');
  const dist = join(RAW_DIR, 'dist');
  // CORDON_BENCH_DIST: measure a build made elsewhere (e.g. `vite build --outDir ...`) instead of dist/.
  if (needsDist) snapshotDist(resolve(process.env.CORDON_BENCH_DIST ?? join(ROOT, 'dist')), dist);
  const started = performance.now();
  const ctx: BenchContext = {
    quick: args.quick,
    rawDir: RAW_DIR,
    dist,
    machine: describeMachine(),
    log: (message) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
  };
  ctx.log(`${ctx.machine.cpuModel} × ${ctx.machine.cores}, Node ${ctx.machine.node}, Chromium ${ctx.machine.chromium}; running ${selected.map((b) => b.id).join(', ')}${args.quick ? ' (quick)' : ''}`);

  const sections: { bench: Benchmark; section: Section; seconds: number; load: [number, number]; failed?: string }[] = [];
  for (const bench of selected) {
    let failed: string | undefined;
    const t0 = performance.now();
    const loadBefore = loadavg()[0] ?? 0;
    let section: Section;
    try {
      const result = await bench.run(ctx);
      writeFileSync(join(RAW_DIR, `${bench.id}.json`), JSON.stringify({ machine: ctx.machine, quick: args.quick, result }, (_k, v: unknown) => (v instanceof Float64Array || v instanceof Int32Array ? `[${v.length} values]` : v), 2));
      section = bench.report(result, ctx);
    } catch (error) {
      ctx.log(`${bench.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      failed = String(error).split('\n')[0];
      section = { markdown: `Not measured: this benchmark failed (${failed}).`, headlines: [] };
    }
    const seconds = (performance.now() - t0) / 1000;
    sections.push({ bench, section, seconds, load: [loadBefore, loadavg()[0] ?? 0], ...(failed ? { failed } : {}) });
    ctx.log(`${bench.id} done in ${ms(seconds * 1000)}`);
  }

  const total = (performance.now() - started) / 1000;
  const record: RunRecord = {
    args,
    machine: ctx.machine,
    totalSeconds: total,
    sections: sections.map((x) => ({ id: x.bench.id, seconds: x.seconds, load: x.load, ...(x.failed ? { failed: x.failed } : {}) })),
  };
  writeFileSync(join(RAW_DIR, 'run.json'), JSON.stringify(record, null, 2));
  const out = args.out ? resolve(args.out) : args.quick || args.only ? join(RAW_DIR, 'performance.md') : DOC;
  writeFileSync(out, documentOf(args, ctx, sections, total));
  ctx.log(`wrote ${relative(ROOT, out)} (${Math.round(total)} s in all)`);
  for (const h of sections.flatMap((s) => s.section.headlines)) ctx.log(`${VERDICT[h.verdict]}: ${h.what}: ${h.measured} (goal ${h.goal})`);
  // playwright-core and the servers are closed by each benchmark; exit even if a stray handle lingers.
  process.exit(0);
}

await main();
