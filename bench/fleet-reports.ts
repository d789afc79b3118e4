/**
 * Fleet reporting at scale (issue #14): 100,000 browsers' day of status records, made with the
 * extension's own code (core/reporting: `statusDue` with the per-install heartbeat spread,
 * `statusRecord`, `exportRequest`; core/schedule: the refresh and backoff delays), written as an
 * OpenTelemetry Collector's file exporter writes them, then read back by `cordon fleet`'s own code.
 *
 * The day: every browser online and checking its list every `refreshMinutes` (± 10 %), 1 % of checks
 * failing (network) and backing off; each browser last reported at a random time in the day before;
 * serial 42 (a retraction) is published 20 hours into the window. What it measures: the records and
 * the request rate the collector takes, how long `cordon fleet` needs for the day, and how soon the
 * admin sees 99 % of the fleet on the retraction.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { exportRequest } from '../src/core/reporting/otlp.ts';
import { heartbeatJitterMs, resourceAttributes, statusDue, statusFingerprint, statusRecord, type LastStatus } from '../src/core/reporting/records.ts';
import { backoffDelayMinutes, refreshDelayMinutes } from '../src/core/schedule.ts';
import { runCli } from '../src/cli/cli.ts';
import { state } from '../test/support/fleet-records.ts';
import { bytes, int, table } from './lib/format.ts';
import { seededRandom } from './lib/random.ts';
import type { Benchmark, BenchContext, Headline } from './lib/types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW_START = Date.parse('2026-12-05T00:00:00Z');
const PUBLISH = WINDOW_START + 20 * HOUR;
const FAILURE_RATE = 0.01;
/** From a check to its record at the collector: the worker posts right after the cycle (measured in the browser test in well under a second); a generous bound. */
const REPORT_DELAY_MS = MINUTE;

export interface FleetReportsResult {
  readonly browsers: number;
  readonly refreshMinutes: number;
  readonly records: number;
  readonly fileBytes: number;
  readonly generateMs: number;
  readonly peakPerMinute: number;
  /** When the busiest minute began, relative to the publish (ms; negative: before it). */
  readonly peakMinuteAfterPublish: number;
  readonly summarizeMs: number;
  readonly seen: number;
  readonly t99Ms: number | undefined;
  readonly t90Ms: number | undefined;
  readonly t50Ms: number | undefined;
  readonly holding: number;
}

/** Writes the day's records to `file`; returns how many, and the busiest minute. */
function simulateDay(file: string, browsers: number, refreshMinutes: number): { records: number; peakPerMinute: number; peakMinute: number } {
  const random = seededRandom(20_261_206);
  const perMinute = new Int32Array(DAY / MINUTE);
  const fd = openSync(file, 'w');
  let records = 0;
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) writeSync(fd, `${pending.join('\n')}\n`);
    pending = [];
  };
  try {
    for (let b = 0; b < browsers; b++) {
      const installId = `sim-${b.toString(36).padStart(6, '0')}`;
      const jitter = heartbeatJitterMs(installId);
      const resource = resourceAttributes({ extensionVersion: '0.1.0', browserName: 'Chromium', browserVersion: '156.0.8078.129', platform: 'linux', installId });
      let last: LastStatus = { fingerprint: statusFingerprint(state(41, WINDOW_START), new Date(WINDOW_START)), at: new Date(WINDOW_START - random() * DAY).toISOString() };
      let failures = 0;
      let held = 41;
      let t = WINDOW_START + random() * refreshMinutes * MINUTE;
      while (t < WINDOW_START + DAY) {
        const failed = random() < FAILURE_RATE;
        failures = failed ? failures + 1 : 0;
        // A failed check keeps the serial it had; a good one after the publish takes the retraction.
        if (!failed && t >= PUBLISH) held = 42;
        const status = state(held, t, failed ? 'fetch-network' : undefined);
        const now = new Date(t);
        const fingerprint = statusFingerprint(status, now);
        if (statusDue(last, fingerprint, now, jitter)) {
          pending.push(JSON.stringify(exportRequest(resource, { name: 'cordon', version: '0.1.0' }, [statusRecord(status, now, 0)])));
          const minute = Math.floor((t + REPORT_DELAY_MS * random() - WINDOW_START) / MINUTE);
          if (minute < perMinute.length) perMinute[minute] = (perMinute[minute] ?? 0) + 1;
          records++;
          last = { fingerprint, at: now.toISOString() };
          if (pending.length >= 2000) flush();
        }
        t += (failed ? backoffDelayMinutes(failures, refreshMinutes, random) : refreshDelayMinutes(refreshMinutes, random)) * MINUTE;
      }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  const peakPerMinute = Math.max(...perMinute);
  return { records, peakPerMinute, peakMinute: perMinute.indexOf(peakPerMinute) };
}

async function run(ctx: BenchContext): Promise<FleetReportsResult> {
  const browsers = ctx.quick ? 10_000 : 100_000;
  const refreshMinutes = 60;
  const dir = join(ctx.rawDir, 'fleet-reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'reports.jsonl');
  try {
    const t0 = performance.now();
    const { records, peakPerMinute, peakMinute } = simulateDay(file, browsers, refreshMinutes);
    const generateMs = performance.now() - t0;
    const fileBytes = statSync(file).size;
    ctx.log(`fleet reports: ${int(records)} records (${bytes(fileBytes)}) from ${int(browsers)} browsers in ${Math.round(generateMs)} ms`);
    // `cordon fleet --json` itself, in this process: read, parse, summarise.
    let out = '';
    const t1 = performance.now();
    const code = await runCli(['fleet', '--json', '--now', new Date(WINDOW_START + DAY).toISOString().replace('.000Z', 'Z'), file], {
      out: (line) => (out += line),
      err: (line) => ctx.log(`cordon fleet: ${line}`),
      now: () => new Date(WINDOW_START + DAY),
    });
    const summarizeMs = performance.now() - t1;
    if (code !== 0) throw new Error(`cordon fleet exited ${code}`);
    const summary = JSON.parse(out) as { seen: number; newest?: { serial: number; holding: number; after: { 50?: number; 90?: number; 99?: number } } };
    if (summary.newest?.serial !== 42) throw new Error(`the newest serial read back is ${String(summary.newest?.serial)}`);
    ctx.log(`fleet reports: cordon fleet took ${Math.round(summarizeMs)} ms; 99 % after ${String(summary.newest.after[99])} ms`);
    return {
      browsers,
      refreshMinutes,
      records,
      fileBytes,
      generateMs,
      peakPerMinute,
      peakMinuteAfterPublish: WINDOW_START + peakMinute * MINUTE - PUBLISH,
      summarizeMs,
      seen: summary.seen,
      t50Ms: summary.newest.after[50],
      t90Ms: summary.newest.after[90],
      t99Ms: summary.newest.after[99],
      holding: summary.newest.holding,
    };
  } finally {
    rmSync(file, { force: true });
  }
}

const min = (ms: number | undefined) => (ms === undefined ? 'not reached' : `${(ms / MINUTE).toFixed(1)} min`);

function report(r: FleetReportsResult): { markdown: string; headlines: Headline[] } {
  const goalT99 = r.refreshMinutes * 1.1 * MINUTE + REPORT_DELAY_MS;
  const headlines: Headline[] = [
    {
      what: `cordon fleet over ${int(r.browsers)} browsers' day of status records`,
      goal: 'seconds',
      measured: `${(r.summarizeMs / 1000).toFixed(1)} s for ${int(r.records)} records (${bytes(r.fileBytes)})`,
      verdict: r.summarizeMs < 60_000 ? 'met' : 'missed',
    },
    {
      what: 'Admin sees 99 % of the browsers on a retraction (refreshMinutes 60)',
      goal: `≤ one refresh interval (+10 % jitter) + report delay = ${min(goalT99)}`,
      measured: min(r.t99Ms),
      verdict: r.t99Ms !== undefined && r.t99Ms <= goalT99 ? 'met' : 'missed',
    },
  ];
  const markdown = [
    `${int(r.browsers)} browsers, each checking its list every ${r.refreshMinutes} minutes ± 10 % (core/schedule.ts) with ${FAILURE_RATE * 100} % of checks failing and backing off, report for a day with the extension's own code: a status record whenever the status changes and a heartbeat at least daily, spread per install over two hours (\`statusDue\`, \`heartbeatJitterMs\`), each record built by \`statusRecord\` and posted as one OTLP export request (\`exportRequest\`), here written one per line as the OpenTelemetry Collector's file exporter writes them. Serial 42, a retraction, is published 20 hours into the day. Then \`cordon fleet --json\` reads the file in this process.`,
    '',
    table(
      ['', ''],
      [
        ['records in the day', int(r.records)],
        ['file (OTLP JSON lines)', bytes(r.fileBytes)],
        ['mean rate at the collector', `${(r.records / 86_400).toFixed(2)} records/s (${((r.records / 86_400 / r.browsers) * 1000).toFixed(3)} per 1,000 browsers)`],
        ['busiest minute', `${int(r.peakPerMinute)} records (${(r.peakPerMinute / 60).toFixed(1)}/s), ${r.peakMinuteAfterPublish >= 0 ? `${Math.round(r.peakMinuteAfterPublish / MINUTE)} min after the retraction was published` : `${Math.round(-r.peakMinuteAfterPublish / MINUTE)} min before the retraction was published`}`],
        ['simulating and writing the day', `${(r.generateMs / 1000).toFixed(1)} s`],
        ['`cordon fleet` reading and summarising it', `${(r.summarizeMs / 1000).toFixed(1)} s`],
        ['browsers seen', int(r.seen)],
        ['on the retraction at the end of the day', `${int(r.holding)} (${((100 * r.holding) / r.seen).toFixed(2)} %)`],
        ['50 / 90 / 99 % on the retraction after', `${min(r.t50Ms)} / ${min(r.t90Ms)} / ${min(r.t99Ms)}`],
      ],
    ),
    '',
    `**Reading.** A fleet of ${int(r.browsers)} sends the collector about ${(r.records / 86_400).toFixed(1)} records a second on average: one heartbeat per browser a day, plus one record per change (here the retraction, and the failed checks and their recovery). The busiest minutes follow a publish, when every browser reports its new serial within one refresh interval: ${(r.peakPerMinute / 60).toFixed(0)} records a second at the peak, a load any collector takes. The admin sees 99 % of the browsers on the retraction after ${min(r.t99Ms)}: one refresh interval, since every browser reports right after the check that took the new list. With \`checkToken\` pushed by the management tool, the same curve is compressed to the time the tool takes to deliver the policy (docs/deploying.md). The uptake is measured on the records' own check times, as \`cordon fleet\` computes it; a record reaches the collector within seconds of its check when the collector is up.`,
  ].join('\n');
  return { markdown, headlines };
}

export const fleetReportsBenchmark: Benchmark<FleetReportsResult> = {
  id: 'fleet-reports',
  title: 'Fleet reporting: 100,000 browsers, a day of status records',
  run,
  report,
};
