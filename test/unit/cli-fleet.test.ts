/**
 * `cordon fleet` over collector output made with the extension's own record code (core/reporting): a
 * fleet whose history is known, so every number the admin reads can be checked against it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExportLines } from '../../src/cli/fleet/observations.ts';
import { summarize } from '../../src/cli/fleet/summary.ts';
import { runCordonBin, runCordonInProcess } from '../support/cli.ts';
import { fleetLines, HOUR, line, NOW, state } from '../support/fleet-records.ts';

describe('cordon fleet', () => {
  it('counts the browsers seen, the serial each holds, problems and the quiet ones', () => {
    const read = readExportLines([...fleetLines(), 'not json', '{"resourceLogs": 3}']);
    expect(read.badLines).toBe(2);
    const summary = summarize(read.observations, { now: NOW, windowMs: 24 * HOUR, quietSince: NOW - 24 * HOUR });
    expect(summary.seen).toBe(98);
    expect(summary.serials).toEqual([
      { listId: 'acme', serial: 42, browsers: 95 },
      { listId: 'acme', serial: 41, browsers: 3 },
    ]);
    expect(summary.health).toEqual({ current: 95, stale: 0, error: 3 });
    expect(summary.problems).toEqual([{ code: 'fetch-network', browsers: 3 }]);
    expect(summary.attention.map((b) => [b.install, b.health, b.problem, b.serial])).toEqual([
      ['install-095', 'error', 'fetch-network', 41],
      ['install-096', 'error', 'fetch-network', 41],
      ['install-097', 'error', 'fetch-network', 41],
    ]);
    expect(summary.quiet?.browsers.map((b) => [b.install, b.label, b.serial])).toEqual([
      ['install-098', 'LT-98', 40],
      ['install-099', 'LT-99', 40],
    ]);
  });

  it("the newest serial's uptake: time until 50, 90 and 99 % of the browsers seen held it", () => {
    const summary = summarize(readExportLines(fleetLines()).observations, { now: NOW, windowMs: 24 * HOUR });
    const n = summary.newest;
    expect(n).toMatchObject({ listId: 'acme', serial: 42, firstSeen: NOW - 2 * HOUR, holding: 95, of: 98 });
    // Of 98 seen: the 49th browser (i = 48) took it after 48 min, the 89th (i = 88) after 88 min.
    expect(n?.after).toEqual({ 50: 48 * 60_000, 90: 88 * 60_000 });
    expect(n?.curve.at(-1)).toEqual([NOW - 2 * HOUR + 94 * 60_000, 95 / 98]);
  });

  it('prints it for the admin, and as JSON for scripts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-fleet-'));
    const lines = fleetLines();
    writeFileSync(join(dir, 'reports-1.jsonl'), `${lines.slice(0, 100).join('\n')}\n`);
    writeFileSync(join(dir, 'reports-2.jsonl'), `${lines.slice(100).join('\n')}\n`);
    const text = await runCordonInProcess(['fleet', '--now', '2026-12-06T12:00:00Z', '--not-seen-since', '1d', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Browsers seen 2026-12-05T12:00:00Z to 2026-12-06T12:00:00Z: 98');
    expect(text.stdout).toContain('  acme serial 42: 95 (96.9 %)');
    expect(text.stdout).toContain('  fetch-network: 3');
    expect(text.stdout).toContain('Newest serial: acme 42, first reported 2026-12-06T10:00:00Z; held by 95 of 98 browsers seen (96.9 %)');
    expect(text.stdout).toContain('  50 % after 48 min · 90 % after 88 min · 99 % after not yet');
    expect(text.stdout).toContain('Not seen since 2026-12-05T12:00:00Z: 2');
    expect(text.stdout).toContain('Stale or failing (latest report): 3');
    expect(text.stdout).toContain('  install-095: error fetch-network, serial 41, reported 2026-12-06T11:00:00Z');
    const json = await runCordonInProcess(['fleet', '--json', '--now', '2026-12-06T12:00:00Z', dir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ seen: 98, health: { current: 95, stale: 0, error: 3 }, newest: { serial: 42, holding: 95 } });
  });

  it('a hostile device label cannot act on the terminal, in text or in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-fleet-'));
    const label = 'LT-1\u001b[2J\u001b]0;pwned\u0007\u202egpj.exe';
    writeFileSync(join(dir, 'r.jsonl'), `${line('install-x', state(41, NOW - 72 * HOUR), NOW - 72 * HOUR, label)}\n`);
    const text = await runCordonBin(['fleet', '--now', '2026-12-06T12:00:00Z', '--not-seen-since', '1d', dir]);
    expect(text.code).toBe(0);
    expect(['\u001b', '\u0007', '\u202e'].filter((c) => text.stdout.includes(c))).toEqual([]);
    expect(text.stdout).toContain('LT-1\\u{001B}[2J');
    const json = await runCordonBin(['fleet', '--json', '--now', '2026-12-06T12:00:00Z', '--not-seen-since', '1d', dir]);
    expect(['\u001b', '\u0007', '\u202e'].filter((c) => json.stdout.includes(c))).toEqual([]);
    expect((JSON.parse(json.stdout) as { quiet: { browsers: { label: string }[] } }).quiet.browsers[0]?.label).toBe(label);
  });

  it('says what is wrong with its arguments', async () => {
    expect((await runCordonInProcess(['fleet'])).code).toBe(2);
    expect((await runCordonInProcess(['fleet', '--window', '1 day', '-'])).stderr).toMatch(/--window must be a duration like 90m, 24h or 7d/);
  });
});
