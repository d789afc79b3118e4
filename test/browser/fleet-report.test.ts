/**
 * `cordon fleet --html` opened in real Chromium: a self-contained page (no request leaves it), the
 * uptake curves drawn, the numbers of a known fleet, and a hostile device label shown as text only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { runCordonInProcess } from '../support/cli.ts';
import { useChromium } from '../support/fixture.ts';
import { fleetLines, HOUR, line, NOW, state } from '../support/fleet-records.ts';
import { SCREENSHOTS } from '../support/ui.ts';

// The report is a file an admin opens in any browser: Chromium without Cordon.
const chromium = useChromium({ loadExtension: false });

it('the fleet report: charts and tables from a known fleet, nothing fetched, hostile text inert', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-fleet-html-'));
  const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
  writeFileSync(join(dir, 'reports.jsonl'), [...fleetLines(), line('install-hostile', state(39, NOW - 72 * HOUR), NOW - 72 * HOUR, hostile)].join('\n'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const report = resolve('test-results', 'fleet-report.html');
  const run = await runCordonInProcess(['fleet', '--now', '2026-12-06T12:00:00Z', '--not-seen-since', '1d', '--html', report, dir], () => new Date(NOW));
  expect(run.code).toBe(0);

  const { page } = chromium;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 900, height: 1200 });
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: join(SCREENSHOTS, 'fleet-report.png'), fullPage: true });

  // The page's only request is the file itself (the browser's own background connections are not the page's).
  expect(requests).toEqual([pathToFileURL(report).href]);
  expect(await page.title()).toBe('Cordon fleet report');
  expect(await page.textContent('#window')).toContain('Browsers seen from 2026-12-05 12:00Z to 2026-12-06 12:00Z (UTC): 98.');
  expect(await page.textContent('#health')).toBe('current 95stale 0error 3');
  // One curve per recent serial, each a step line that ends at the share that holds it.
  expect(await page.locator('svg polyline.curve').evaluateAll((lines) => lines.map((l) => l.getAttribute('data-serial')))).toEqual(['42', '41', '40']);
  const rows = await page.locator('#uptake tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  expect(rows[1]).toEqual(['acme 42', '2026-12-06 10:00Z', '95 of 98 (96.9 %)', '48 min', '88 min', 'not yet']);
  expect(await page.textContent('#problems')).toContain('fetch-network3');
  const attention = await page.locator('#attention tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.children].map((c) => c.textContent)));
  expect(attention).toEqual([
    ['install-095', '', 'error', 'fetch-network', '41', '2026-12-06 11:00Z'],
    ['install-096', '', 'error', 'fetch-network', '41', '2026-12-06 11:00Z'],
    ['install-097', '', 'error', 'fetch-network', '41', '2026-12-06 11:00Z'],
  ]);
  // The label is shown as the text it is: no element, no script ran.
  const quiet = await page.locator('#quiet tr').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent));
  expect(quiet).toContain(hostile);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('body script').count()).toBe(0);
});
