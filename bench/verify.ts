/**
 * Verification: `verifyBlocklist` on signed envelopes of 10 KiB, 100 KiB and just under the 1 MiB cap,
 * in Node and inside Cordon's real service worker in Chromium (through the worker's
 * `cordonDiagnostics.verifyBlocklist`, timed inside the worker).
 *
 * Run directly with `--cold FILE` it verifies one envelope in a fresh process and prints the time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'playwright-core';
import { decodeUtf8, sha256Hex } from '../src/core/blocklist/bytes.ts';
import { contextFromJson, type VerifyContextJson } from '../src/core/blocklist/context.ts';
import { findInvalidDomain, findOwnHostBlocked } from '../src/core/blocklist/domains.ts';
import { pae, parseEnvelope } from '../src/core/blocklist/dsse.ts';
import { verifyEd25519 } from '../src/core/blocklist/ed25519.ts';
import { parseStrictJson } from '../src/core/blocklist/json.ts';
import { loadTrustedKeys } from '../src/core/blocklist/keys.ts';
import { MAX_DOMAINS_PER_LIST, MAX_ENVELOPE_BYTES } from '../src/core/blocklist/limits.ts';
import { parseBlocklistPayload } from '../src/core/blocklist/payload.ts';
import { verifyBlocklist } from '../src/core/blocklist/verify.ts';
import { readState } from '../test/support/extension.ts';
import { newSigner } from '../test/support/signing.ts';
import { startTrafficServer } from '../test/support/traffic-server.ts';
import { launchBench } from './lib/chromium.ts';
import { int, ms, table } from './lib/format.ts';
import { envelopeOfSize, LIST_ID } from './lib/lists.ts';
import { seededRandom } from './lib/random.ts';
import { summarize, timeRuns, type Summary } from './lib/stats.ts';
import type { Benchmark, BenchContext, Headline } from './lib/types.ts';

const GOAL_MS = 10;
const LIST_HOST = 'lists.acme.example';
const TARGETS = [
  { label: '10 KiB', target: 10 * 1024 },
  { label: '100 KiB', target: 100 * 1024 },
  { label: '1 MiB (just under the cap)', target: MAX_ENVELOPE_BYTES - 1 },
] as const;

const PHASES = ['pinned key import', 'envelope (strict JSON, base64)', 'Ed25519 over PAE', 'payload JSON', 'payload schema', 'SHA-256', 'domain checks'] as const;

interface EnvelopeCase {
  readonly label: string;
  readonly bytes: number;
  readonly apps: number;
  readonly names: number;
}

interface NodeResult extends EnvelopeCase {
  readonly time: Summary;
  /** The same envelope through `nativeFloor`: what the engine's own primitives cost, with no check of Cordon's. */
  readonly floor?: Summary;
  readonly coldFirstCall: number | undefined;
  /** Median of each phase, timed one after another as verifyBlocklist runs them. */
  readonly phases: Record<(typeof PHASES)[number], number>;
}

interface WorkerResult extends EnvelopeCase {
  readonly time: Summary;
  readonly firstCall: number;
  readonly floor?: Summary;
}

export interface VerifyResultSet {
  readonly node: NodeResult[];
  readonly worker: WorkerResult[] | { readonly error: string };
  readonly runs: { readonly warmup: number; readonly runs: number };
  readonly workerFirstNote: string;
}

function contextJson(publicKey: string): VerifyContextJson {
  return {
    trustedKeys: [publicKey],
    threshold: 1,
    expectedListId: LIST_ID,
    listHost: LIST_HOST,
    now: new Date().toISOString(),
    // An update: the browser holds an older serial of the same list.
    lastAccepted: { serial: 1, payloadSha256: '0'.repeat(64) },
  };
}

/**
 * The yardstick: the least any verifier of this envelope must do, with the engine's own primitives
 * only and none of Cordon's checks (no strict JSON, no base64 spelling, no schema, no domain checks):
 * decode the envelope, decode the payload's and the signature's base64 natively, verify Ed25519 over
 * the PAE, decode and `JSON.parse` the payload, hash it. Self-contained, because Playwright sends its
 * source into the service worker; there it decodes with `Uint8Array.fromBase64`, in Node 20 (which
 * lacks it) with `Buffer`.
 */
async function nativeFloor(envelope: Uint8Array, publicKey: string): Promise<boolean> {
  const g = globalThis as unknown as { Buffer?: { from(s: string, e: 'base64'): Uint8Array } };
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => (native ? native.call(Uint8Array, text) : new Uint8Array(g.Buffer?.from(text, 'base64') ?? []));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const env = JSON.parse(decoder.decode(envelope)) as { payloadType: string; payload: string; signatures: { sig: string }[] };
  const payload = fromBase64(env.payload);
  const prefix = new TextEncoder().encode(`DSSEv1 ${env.payloadType.length} ${env.payloadType} ${payload.length} `);
  const pae = new Uint8Array(prefix.length + payload.length);
  pae.set(prefix);
  pae.set(payload, prefix.length);
  const key = await crypto.subtle.importKey('raw', fromBase64(publicKey), { name: 'Ed25519' }, false, ['verify']);
  const [valid, , list] = await Promise.all([
    crypto.subtle.verify('Ed25519', key, fromBase64(env.signatures[0]?.sig ?? ''), pae),
    crypto.subtle.digest('SHA-256', payload),
    Promise.resolve(JSON.parse(decoder.decode(payload)) as { apps?: unknown[] }),
  ]);
  return valid && Array.isArray(list.apps);
}

async function phaseTimes(envelope: Uint8Array, publicKey: string): Promise<number[]> {
  const t = [performance.now()];
  const keys = await loadTrustedKeys([publicKey]);
  t.push(performance.now());
  const parsed = parseEnvelope(envelope);
  t.push(performance.now());
  if (!keys.ok || !parsed.ok) throw new Error('phase timing: the envelope did not parse');
  const [key] = keys.keys;
  const [signature] = parsed.envelope.signatures;
  if (!key || !signature) throw new Error('phase timing: no key or signature');
  const valid = await verifyEd25519(key.cryptoKey, signature.sig, pae(parsed.envelope.payloadType, parsed.envelope.payload));
  t.push(performance.now());
  const json = parseStrictJson(decodeUtf8(parsed.envelope.payload) ?? '');
  t.push(performance.now());
  if (!valid || !json.ok) throw new Error('phase timing: bad signature or payload');
  const payload = parseBlocklistPayload(json.value);
  t.push(performance.now());
  if (!payload.ok) throw new Error('phase timing: bad payload');
  await sha256Hex(parsed.envelope.payload);
  t.push(performance.now());
  findInvalidDomain(payload.list);
  findOwnHostBlocked(payload.list, LIST_HOST);
  t.push(performance.now());
  return t.slice(1).map((v, i) => v - (t[i] ?? v));
}

function coldFirstCall(body: string, context: VerifyContextJson, rawDir: string, label: string): number | undefined {
  const file = join(rawDir, `verify-cold-${label.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ body, context }));
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--cold', file], { encoding: 'utf8', timeout: 120_000 });
    return (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ms?: number }).ms;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}

type Diagnostics = {
  verifyBlocklist: (b: Uint8Array, c: unknown) => Promise<{ ok: boolean; reason?: string }>;
  contextFromJson: (c: unknown) => unknown;
};

/** Times `verifyBlocklist` inside the worker: the envelope is decoded there once, then verified in a loop. */
async function timeInWorker(worker: Worker, body: string, context: VerifyContextJson, warmup: number, runs: number) {
  return worker.evaluate(
    async ({ base64, context, warmup, runs }) => {
      const { verifyBlocklist, contextFromJson } = (globalThis as unknown as { cordonDiagnostics: Diagnostics }).cordonDiagnostics;
      const envelope = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const times: number[] = [];
      let ok = true;
      let reason = '';
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        const result = await verifyBlocklist(envelope, contextFromJson(context));
        times.push(performance.now() - t0);
        if (!result.ok) {
          ok = false;
          reason = result.reason ?? '';
        }
      }
      return { ok, reason, first: times[0] ?? NaN, samples: times.slice(warmup) };
    },
    { base64: Buffer.from(body).toString('base64'), context, warmup, runs },
  );
}

/** Times `nativeFloor` inside the worker, the same way. */
async function floorInWorker(worker: Worker, body: string, publicKey: string, warmup: number, runs: number) {
  return worker.evaluate(
    async ({ base64, publicKey, warmup, runs, floorSource }) => {
      // tsx names functions through an `__name` helper that exists only in Node.
      const floor = new Function(`const __name = (f) => f; return ${floorSource}`)() as (e: Uint8Array, k: string) => Promise<boolean>;
      const envelope = (Uint8Array as unknown as { fromBase64: (s: string) => Uint8Array }).fromBase64(base64);
      const times: number[] = [];
      let ok = true;
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        ok = (await floor(envelope, publicKey)) && ok;
        times.push(performance.now() - t0);
      }
      return { ok, samples: times.slice(warmup) };
    },
    { base64: Buffer.from(body).toString('base64'), publicKey, warmup, runs, floorSource: nativeFloor.toString() },
  );
}

async function runWorker(
  ctx: BenchContext,
  cases: readonly (EnvelopeCase & { body: string; context: VerifyContextJson })[],
  runs: { warmup: number; runs: number },
): Promise<WorkerResult[]> {
  const server = await startTrafficServer();
  const browser = await launchBench({ proxyUrl: server.proxyUrl, extension: ctx.dist });
  try {
    const worker = await browser.worker();
    // Let the worker finish its own start-up cycle first, so it is idle while it is timed.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await readState(worker).catch(() => undefined))?.lastCheck) await new Promise((r) => setTimeout(r, 200));
    const results: WorkerResult[] = [];
    // Largest first: the first call of a fresh worker (cold code) then measures the 1 MiB case.
    for (const c of [...cases].reverse()) {
      const count = c.bytes > 500_000 && !ctx.quick ? Math.min(runs.runs, 30) : runs.runs;
      const r = await timeInWorker(worker, c.body, c.context, runs.warmup, count);
      if (!r.ok) throw new Error(`the worker refused the ${c.label} envelope: ${r.reason}`);
      const floor = await floorInWorker(worker, c.body, c.context.trustedKeys[0] ?? '', runs.warmup, count);
      if (!floor.ok) throw new Error(`the native floor refused the ${c.label} envelope in the worker`);
      results.push({ label: c.label, bytes: c.bytes, apps: c.apps, names: c.names, time: summarize(r.samples), firstCall: r.first, floor: summarize(floor.samples) });
      ctx.log(`verify in the service worker, ${c.label}: median ${ms(summarize(r.samples).median)}, first ${ms(r.first)}`);
    }
    return results.reverse();
  } finally {
    await browser.close();
    await server.close();
  }
}

async function run(ctx: BenchContext): Promise<VerifyResultSet> {
  const runs = ctx.quick ? { warmup: 2, runs: 5 } : { warmup: 5, runs: 40 };
  const signer = await newSigner();
  const cases = TARGETS.map(({ label, target }) => {
    const envelope = envelopeOfSize(signer, target, seededRandom(target));
    return { label, bytes: envelope.bytes, apps: envelope.apps, names: envelope.names, body: envelope.body, context: contextJson(signer.publicKey) };
  });
  ctx.log(`envelopes: ${cases.map((c) => `${c.label} = ${int(c.bytes)} bytes, ${c.apps} apps, ${int(c.names)} names`).join('; ')}`);

  const node: NodeResult[] = [];
  for (const c of cases) {
    const envelope = new TextEncoder().encode(c.body);
    const context = contextFromJson(c.context);
    const check = await verifyBlocklist(envelope, context);
    if (!check.ok) throw new Error(`the ${c.label} envelope does not verify: ${check.reason}`);
    const cold = coldFirstCall(c.body, c.context, ctx.rawDir, c.label);
    const { samples } = await timeRuns(() => verifyBlocklist(envelope, context), runs);
    if (!(await nativeFloor(envelope, c.context.trustedKeys[0] ?? ''))) throw new Error(`the native floor refused the ${c.label} envelope`);
    const floor = summarize((await timeRuns(() => nativeFloor(envelope, c.context.trustedKeys[0] ?? ''), runs)).samples);
    const phaseRuns: number[][] = [];
    for (let i = 0; i < Math.max(5, Math.min(runs.runs, 15)); i++) phaseRuns.push(await phaseTimes(envelope, c.context.trustedKeys[0] ?? ''));
    const phases = Object.fromEntries(PHASES.map((p, i) => [p, summarize(phaseRuns.map((r) => r[i] ?? NaN)).median])) as NodeResult['phases'];
    node.push({ label: c.label, bytes: c.bytes, apps: c.apps, names: c.names, time: summarize(samples), coldFirstCall: cold, phases, floor });
    ctx.log(`verify in Node, ${c.label}: median ${ms(summarize(samples).median)}, cold ${ms(cold ?? NaN)}`);
  }

  let worker: VerifyResultSet['worker'];
  try {
    worker = await runWorker(ctx, cases, runs);
  } catch (error) {
    worker = { error: String(error) };
    ctx.log(`verify in the service worker failed: ${String(error)}`);
  }
  return { node, worker, runs, workerFirstNote: 'first call of a fresh worker, 1 MiB envelope first' };
}

function report(result: VerifyResultSet): { markdown: string; headlines: Headline[] } {
  const big = result.node.at(-1);
  const workerBig = Array.isArray(result.worker) ? result.worker.at(-1) : undefined;
  const headlines: Headline[] = [
    {
      what: 'Verify a 1 MiB envelope (Node)',
      goal: `≤ ${GOAL_MS} ms`,
      measured: big ? `median ${ms(big.time.median)} (min ${ms(big.time.min)}, first call ${ms(big.coldFirstCall ?? NaN)}); native floor ${ms(big.floor?.median ?? NaN)}` : 'n/a',
      verdict: big ? (big.time.median <= GOAL_MS ? 'met' : 'missed') : 'not measured',
    },
    {
      what: "Verify a 1 MiB envelope (Chromium's service worker)",
      goal: `≤ ${GOAL_MS} ms`,
      measured: workerBig ? `median ${ms(workerBig.time.median)} (min ${ms(workerBig.time.min)}, first call ${ms(workerBig.firstCall)}); native floor ${ms(workerBig.floor?.median ?? NaN)}` : 'not measured',
      verdict: workerBig ? (workerBig.time.median <= GOAL_MS ? 'met' : 'missed') : 'not measured',
    },
  ];
  const envelopes = table(
    ['envelope', 'bytes', 'apps', 'domains + hosts'],
    result.node.map((c) => [c.label, int(c.bytes), String(c.apps), int(c.names)]),
  );
  const floorCells = (c: { time: Summary; floor?: Summary }) =>
    c.floor === undefined ? ['—', '—'] : [ms(c.floor.median), `${(c.time.median / c.floor.median).toFixed(2)}×`];
  const nodeRows = result.node.map((c) => [c.label, ms(c.time.median), ms(c.time.p95), ms(c.time.min), c.coldFirstCall === undefined ? '—' : ms(c.coldFirstCall), ...floorCells(c)]);
  const workerRows = Array.isArray(result.worker)
    ? result.worker.map((c) => [c.label, ms(c.time.median), ms(c.time.p95), ms(c.time.min), ms(c.firstCall), ...floorCells(c)])
    : [];
  const floorHeads = ['native floor: median', 'Cordon / floor'];
  const phaseRows = PHASES.map((p) => [p, ...result.node.map((c) => ms(c.phases[p]))]);
  const markdown = [
    `Envelopes generated for each run (seeded, so the same lists every time) and signed by a fresh Ed25519 key with the test harness's signer (\`test/support/signing.ts\`). The context is an update: pinned key, threshold 1, expected listId, list host, and an older accepted serial. The largest envelope is the biggest base64 allows under the 1 MiB cap; at that size a list also reaches the verifier's ${int(MAX_DOMAINS_PER_LIST)}-name limit, so it carries the longer CDN-style hosts (an average of about ${big ? Math.round((big.bytes * 0.75 * 0.85) / big.names) : '?'} bytes per name).`,
    '',
    envelopes,
    '',
    `**Node** (${process.version}, WebCrypto). ${result.runs.warmup} warm-up runs, ${result.runs.runs} timed runs; "first call" is one verification in a fresh Node process.`,
    '',
    table(['envelope', 'median', 'p95', 'min', 'first call', ...floorHeads], nodeRows),
    '',
    `**Chromium's service worker**: Cordon's own worker (built \`dist/\`), calling \`globalThis.cordonDiagnostics.verifyBlocklist\` in a loop inside the worker through \`worker.evaluate\`, timed with \`performance.now()\` inside the worker (the envelope crosses CDP once, before the timing). Same warm-up and run counts (at most 30 for 1 MiB); "first call" is the ${result.workerFirstNote}.`,
    '',
    Array.isArray(result.worker) ? table(['envelope', 'median', 'p95', 'min', 'first call', ...floorHeads], workerRows) : `Not measured: ${result.worker.error}`,
    '',
    'The **native floor** is the yardstick: the same envelope verified with the engine\'s own primitives only and none of Cordon\'s checks (`TextDecoder`, `JSON.parse`, native base64 (`Uint8Array.fromBase64` in the worker, `Buffer` in Node), WebCrypto Ed25519 over the PAE and SHA-256), timed the same way in the same process. It is what decoding 1 MiB and checking one signature costs on this machine before any rule of the format is enforced; "Cordon / floor" is what the strictness costs on top.',
    '',
    'Where the time goes (Node, medians of each step run on its own in the order `verifyBlocklist` runs them):',
    '',
    table(['step', ...result.node.map((c) => c.label)], phaseRows),
    '',
    analysis(result),
  ].join('\n');
  return { markdown, headlines };
}

function analysis(result: VerifyResultSet): string {
  const big = result.node.at(-1);
  if (!big) return '';
  const workerBig = Array.isArray(result.worker) ? result.worker.at(-1) : undefined;
  const entries = Object.entries(big.phases).sort((a, b) => b[1] - a[1]);
  const [top, second] = entries;
  const perName = (big.phases['domain checks'] / big.names) * 1000;
  // What the floor leaves of the goal differs from run to run on a shared machine (5 to 11 ms measured
  // for the same envelope), so the sentence follows the figures of this run.
  const floorShare = (r: { floor?: Summary }) =>
    r.floor === undefined
      ? ''
      : r.floor.median >= GOAL_MS / 2
        ? `decoding 1 MiB of UTF-8 and 1.4 MB of base64 and checking one Ed25519 signature take ${ms(r.floor.median)} in this run, most of the ${GOAL_MS} ms budget, before a single rule of the format is checked.`
        : `the engine's own decoding and one signature take ${ms(r.floor.median)} in this run, so the goal leaves ${ms(GOAL_MS - r.floor.median)} for Cordon's checks, which take ${ms(big.time.median - r.floor.median)} (the steps above).`;
  const floorNote = (label: string, r: { time: Summary; floor?: Summary } | undefined) =>
    r?.floor === undefined ? '' : `${label}: ${ms(r.time.median)} against a native floor of ${ms(r.floor.median)}`;
  return [
    `**Reading.** At 1 MiB the largest steps are ${top ? `${top[0]} (${ms(top[1])})` : '?'} and ${second ? `${second[0]} (${ms(second[1])})` : '?'}. The domain checks cost ${perName.toFixed(2)} µs per name for ${int(big.names)} names: a one-pass test that the name is canonical ASCII, a public-suffix test of one lookup for the parent and one for the name (core/public-suffix.ts; hosts directly under a wildcard rule take the label walk), then one map of every name to find names two apps share and allowed hosts that would lift another app's block (the walk over parents only for names that share their last two labels with an allowed host). Most of that is the map and set inserts themselves, one per name, which the payload schema pays once more to refuse a name repeated in one field. The strict JSON parser skips runs of plain characters with one native regex step, so the envelope's 1.4 MB of base64 and the payload's strings are no longer read a character at a time; base64 is then decoded by a one-pass loop (as fast as \`Uint8Array.fromBase64\` in Chromium 156, measured: the native decoder is no faster, so the portable loop stays).`,
    big.time.median <= GOAL_MS
      ? `The 1 MiB case is within the ${GOAL_MS} ms goal.`
      : `The ${GOAL_MS} ms goal for 1 MiB is missed, and the native floor says how far it can go on this machine (${[floorNote('Node', big), floorNote('the worker', workerBig)].filter(Boolean).join('; ')}): ${floorShare(big)} What Cordon adds on top is the strictness the format promises (one spelling per byte string, no duplicate keys, every name canonical and no public suffix, no name conflicts), linear in the names. A list is verified once per new serial, and again (without the name checks) when the browser starts or the trust settings change, never per request or per worker wake-up, so the cost is per update, not per page load.`,
  ].join(' ');
}

export const verifyBenchmark: Benchmark<VerifyResultSet> = {
  id: 'verify',
  title: 'Verification (Node and the service worker)',
  run,
  report,
};

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--cold') {
  const { installNodeSuffixRules } = await import('../src/cli/suffix-rules.ts');
  installNodeSuffixRules();
  const { body, context } = JSON.parse(readFileSync(process.argv[3] ?? '', 'utf8')) as { body: string; context: VerifyContextJson };
  const envelope = new TextEncoder().encode(body);
  const t0 = performance.now();
  const result = await verifyBlocklist(envelope, contextFromJson(context));
  const elapsed = performance.now() - t0;
  if (!result.ok) throw new Error(`cold verification failed: ${result.reason}`);
  console.log(JSON.stringify({ ms: elapsed }));
}

