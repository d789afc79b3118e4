/**
 * Worker start-up: what waking Cordon's service worker costs before it can handle an event, against
 * the strongest yardstick there is, a one-line worker (one listener, nothing else) loaded in the same
 * browser and stopped and woken in the same rounds. This is what the worker's size is for: Chromium
 * stops an idle worker after 30 seconds and starts it again for the next event (an alarm, a blocked
 * navigation, the popup), so every wake-up loads and runs the whole bundle again.
 *
 * Each worker reports the time from its own start (its time origin) to the last statement of its
 * first evaluation (Cordon: `cordonDiagnostics.readyAfterMs()`). Workers are stopped by closing their
 * DevTools target (no session stays attached: test/support/bare-chromium.ts) and woken by a real
 * event: a runtime message from Cordon's own popup page for Cordon, a new tab for the control's
 * `tabs.onUpdated` listener. Order alternates by round.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBareChromium } from '../test/support/bare-chromium.ts';
import { EXTENSION_ORIGIN } from '../test/support/chromium.ts';
import { ms, table } from './lib/format.ts';
import { seededRandom } from './lib/random.ts';
import { bootstrapMedianInterval, median, summarize, type Summary } from './lib/stats.ts';
import type { Benchmark, BenchContext, Headline } from './lib/types.ts';

const CONTROL_WORKER = 'chrome.tabs.onUpdated.addListener(() => undefined);\nself.readyAfterMs = performance.now();\n';

export interface StartResult {
  readonly rounds: number;
  /** The first evaluation after install, before Chromium holds a code cache for the scripts. */
  readonly first: { readonly cordon: number; readonly control: number };
  readonly cordon: Summary;
  readonly control: Summary;
  /** Per round, Cordon / the control: median and its 95 % bootstrap interval. */
  readonly ratio: { readonly median: number; readonly interval: [number, number] };
  /** Per round, Cordon − the control, in milliseconds: median and its 95 % bootstrap interval. */
  readonly difference: { readonly median: number; readonly interval: [number, number] };
  readonly samples: { readonly cordon: number[]; readonly control: number[] };
}

function writeControl(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = { manifest_version: 3, name: 'Start-up control: one tabs.onUpdated listener', version: '1.0', permissions: ['tabs'], background: { service_worker: 'worker.js' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'worker.js'), CONTROL_WORKER);
  return dir;
}

async function run(ctx: BenchContext): Promise<StartResult> {
  const rounds = ctx.quick ? 5 : 30;
  const control = writeControl(join(ctx.rawDir, 'start-control'));
  const browser = await launchBareChromium({ extension: ctx.dist, alsoLoad: [control] });
  const isCordon = (url: string) => url.startsWith(`${EXTENSION_ORIGIN}/`);
  const isControl = (url: string) => url.startsWith('chrome-extension://') && !isCordon(url) && url.endsWith('/worker.js');
  const popup = `${EXTENSION_ORIGIN}/src/popup/index.html`;
  const isPopup = (url: string) => url === popup;
  const readCordon = async () => Number(await browser.evaluateInWorker(isCordon, 'globalThis.cordonDiagnostics.readyAfterMs()'));
  const readControl = async () => Number(await browser.evaluateInWorker(isControl, 'self.readyAfterMs'));
  try {
    const first = { cordon: await readCordon(), control: await readControl() };
    await browser.open(popup);
    const workers = [
      {
        name: 'cordon' as const,
        matches: isCordon,
        // Any message wakes the worker; one it does not know is ignored.
        wake: () => browser.evaluateInPage(isPopup, "chrome.runtime.sendMessage({ type: 'bench-wake' }).catch(() => undefined)"),
        read: readCordon,
      },
      { name: 'control' as const, matches: isControl, wake: () => browser.open('about:blank'), read: readControl },
    ];
    const samples = { cordon: [] as number[], control: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (const worker of round % 2 === 0 ? workers : [...workers].reverse()) {
        await browser.stopWorker(worker.matches);
        await worker.wake();
        samples[worker.name].push(await worker.read());
      }
    }
    const ratios = samples.cordon.map((c, i) => c / (samples.control[i] ?? Number.NaN));
    const differences = samples.cordon.map((c, i) => c - (samples.control[i] ?? Number.NaN));
    ctx.log(`worker start: Cordon ${ms(median(samples.cordon))}, control ${ms(median(samples.control))} (median of ${rounds})`);
    return {
      rounds,
      first,
      cordon: summarize(samples.cordon),
      control: summarize(samples.control),
      ratio: { median: median(ratios), interval: bootstrapMedianInterval(ratios, seededRandom(20261207)) },
      difference: { median: median(differences), interval: bootstrapMedianInterval(differences, seededRandom(20261208)) },
      samples,
    };
  } finally {
    await browser.close();
  }
}

function report(result: StartResult): { markdown: string; headlines: Headline[] } {
  const { ratio } = result;
  const range = `${ratio.interval[0].toFixed(3)}–${ratio.interval[1].toFixed(3)}`;
  const headlines: Headline[] = [
    {
      what: 'Worker start-up (wake → ready for events): Cordon / a one-line worker',
      goal: 'information (what the 64 KiB goal is for)',
      measured: `${ratio.median.toFixed(3)} (${range}); ${ms(result.cordon.median)} vs ${ms(result.control.median)}`,
      verdict: 'info',
    },
  ];
  const markdown = [
    `Both workers in one Chromium, stopped and woken ${result.rounds} times each (alternating which goes first): Cordon's, built as it ships, and a control extension whose worker is one \`tabs.onUpdated\` listener. Each worker reports the time from its own start (its time origin) to the last statement of its first evaluation: every module loaded, every listener registered, ready for the event that woke it. Cordon is woken by a runtime message from its own popup page, the control by a new tab. The first start after install runs before Chromium holds a code cache for the scripts; the later ones are what an idle worker pays at each wake-up.`,
    '',
    table(
      ['worker', 'first start after install', 'later starts: median', 'p95', 'min'],
      [
        ['Cordon', ms(result.first.cordon), ms(result.cordon.median), ms(result.cordon.p95), ms(result.cordon.min)],
        ['control: one listener', ms(result.first.control), ms(result.control.median), ms(result.control.p95), ms(result.control.min)],
      ],
    ),
    '',
    `Paired per round, Cordon / the control: median ${ratio.median.toFixed(3)}, 95 % interval ${range}; Cordon − the control: median ${ms(result.difference.median)}, 95 % interval ${ms(result.difference.interval[0])} to ${ms(result.difference.interval[1])}.`,
    '',
    analysis(result),
  ].join('\n');
  return { markdown, headlines };
}

function analysis(result: StartResult): string {
  const [low, high] = result.ratio.interval;
  const [, most] = result.difference.interval;
  const verdict =
    low <= 1
      ? `Cordon's worker cannot be told from a worker of one line here: the ratio's interval (${low.toFixed(3)}–${high.toFixed(3)}) takes in 1, and the bundle costs at most ${ms(Math.max(0, most))} per wake-up (the upper end of the difference's interval). Nearly all of a wake-up is Chromium starting a worker at all (a thread, a context, the extension APIs), not loading and running Cordon's code.`
      : `Cordon's worker takes ${((result.ratio.median - 1) * 100).toFixed(0)} % longer than a worker of one line to be ready (interval ${low.toFixed(3)}–${high.toFixed(3)}), ${ms(result.difference.median)} per wake-up: that is what loading and running the bundle costs, and the most a smaller bundle could save.`;
  return `**Reading.** ${verdict} The bundle section above says what the worker loads; this is what loading it costs at each wake-up, against the least any worker costs.`;
}

export const workerStartBenchmark: Benchmark<StartResult> = {
  id: 'start',
  title: 'Worker start-up',
  run,
  report,
};
