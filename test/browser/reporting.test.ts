/**
 * Fleet reporting (issue #14) in real Chromium under real enterprise policy, against a local OTLP/HTTP
 * receiver: nothing is sent without `reportUrl`; with it, a status record after the first cycle, one for
 * a new serial and one for a rejected list, each a valid OTLP export as the official protobuf
 * definitions read it; blocked visits only with `reportBlockedVisits`, host only; a collector that is
 * down loses nothing within the queue bound and changes nothing that is enforced.
 */
import type { Page, Worker } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CordonState } from '../../src/core/state.ts';
import { EXTENSION_ID, EXTENSION_ORIGIN, navigate, type LaunchedBrowser } from '../support/chromium.ts';
import { checkNow, waitForState as waitForStateIn } from '../support/extension.ts';
import { useChromium } from '../support/fixture.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { readExportLines } from '../../src/cli/fleet/observations.ts';
import { summarize } from '../../src/cli/fleet/summary.ts';
import { throughProtobuf } from '../support/otlp.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { pollUntil } from '../support/poll.ts';
import { listPayload, newSigner, type ListApp, type TestSigner } from '../support/signing.ts';
import { drained, type TrafficServer } from '../support/traffic-server.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
const POPUP = `${EXTENSION_ORIGIN}/src/popup/index.html`;
const LIST_ID = 'acme-work-browsers';
const tiktok: ListApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] };
const chatapp: ListApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] };
const forum: ListApp = { id: 'forum', name: 'Forum', domains: ['forum.example'] };

type Record_ = Record<string, unknown> & { attributes?: { key: string; value: Record<string, unknown> }[]; resource?: { attributes: { key: string; value: Record<string, unknown> }[] } };
const valueOf = (attrs: Record_['attributes'], key: string): unknown => {
  const v = attrs?.find((a) => a.key === key)?.value;
  return v === undefined ? undefined : (v.stringValue ?? v.intValue ?? v.boolValue ?? v.arrayValue);
};
const attr = (record: Record_, key: string) => valueOf(record.attributes, key);
const resourceAttr = (record: Record_, key: string) => valueOf(record.resource?.attributes, key);

describe.skipIf(!canWritePolicy)(`reporting to an OpenTelemetry collector, under real enterprise policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-reporting');
  let lists: ListServer;
  let receiver: OtlpReceiver;
  let signer: TestSigner;
  let serial = 0;
  let apps: ListApp[] = [tiktok, chatapp];
  const pages: Page[] = [];

  const publish = (next: ListApp[] = apps, by: TestSigner = signer) => {
    apps = next;
    lists.serve({ kind: 'list', body: by.sign(listPayload(LIST_ID, ++serial, apps)) });
  };
  const settings = (extra: Record<string, unknown> = {}) => ({ listUrl: lists.url, trustedKeys: [signer.publicKey], listId: LIST_ID, organization: 'Acme Corp', ...extra });
  const writePolicy = (extra: Record<string, unknown> = {}) => policy.write({ '3rdparty': { extensions: { [EXTENSION_ID]: settings(extra) } } });

  const c = useChromium({
    policy,
    before: async () => {
      lists = await startListServer();
      receiver = await startOtlpReceiver();
      signer = await newSigner();
      publish();
      writePolicy(); // no reportUrl yet
    },
    after: async () => {
      await lists?.close();
      await receiver?.close();
      policy.dispose();
    },
  });
  let server: TrafficServer;
  let browser: LaunchedBrowser;
  let worker: Worker;
  const waitForState = (test: (s: CordonState) => boolean, what: string) => waitForStateIn(worker, test, what, { timeout: 45_000 });
  const statusRecords = () => receiver.records().filter((r) => r.eventName === 'cordon.status') as Record_[];
  const visitRecords = () => receiver.records().filter((r) => r.eventName === 'cordon.blocked_visit') as Record_[];
  const waitForStatus = (test: (r: Record_) => boolean, what: string) =>
    pollUntil(() => statusRecords().find(test), (r) => r !== undefined, what, { timeout: 30_000 }) as Promise<Record_>;
  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    pages.push(page);
    return page;
  }
  async function expectBlocked(url: string): Promise<Page> {
    server.reset();
    const page = await newPage();
    expect((await navigate(page, url)).startsWith(`${BLOCK_PAGE}#`), url).toBe(true);
    await page.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    await drained(server, page);
    expect(server.hitsFor(new URL(url).hostname)).toEqual([]);
    return page;
  }

  beforeAll(async () => {
    ({ server, browser, worker } = c);
    await waitForState((s) => s.list?.serial === 1, 'the first signed list');
  }, 60_000);

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  it('without reportUrl nothing is sent and nothing is kept; the popup says nothing is reported', async () => {
    await checkNow(browser.context);
    await expectBlocked('https://www.tiktok.com/@someone?lang=en');
    const stored = await worker.evaluate(() => chrome.storage.local.get(['reportQueue', 'reportLast']));
    expect(stored).toEqual({});
    expect(receiver.received).toEqual([]);
    const popup = await newPage();
    await popup.goto(POPUP);
    await popup.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    expect(await popup.textContent('#reporting')).toMatch(/^Nothing is reported/);
  });

  it('with reportUrl: a status record after the cycle, a valid OTLP export with the resource and the list', async () => {
    writePolicy({ reportUrl: receiver.url, deviceLabel: 'LT-0042' });
    const record = await waitForStatus((r) => attr(r, 'cordon.list.serial') === '1', 'the first status record');
    const request = receiver.received.find((r) => r.status === 200);
    if (!request) throw new Error('no request answered 200');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
    const body = JSON.parse(request.body) as unknown;
    expect(throughProtobuf(body)).toEqual(body);

    expect(resourceAttr(record, 'service.name')).toBe('cordon');
    expect(resourceAttr(record, 'service.instance.id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(resourceAttr(record, 'user_agent.name')).toMatch(/Chrom/);
    expect(resourceAttr(record, 'user_agent.version')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(resourceAttr(record, 'os.type')).toBe('linux');
    expect(resourceAttr(record, 'cordon.device.label')).toBe('LT-0042');
    expect(attr(record, 'cordon.list.id')).toBe(LIST_ID);
    expect(attr(record, 'cordon.status')).toBe('current');
    expect(attr(record, 'cordon.apps.enforced')).toBe('2');
    expect(record).toMatchObject({ severityText: 'INFO', severityNumber: 9 });

    const state = await waitForState((s) => s.reporting?.kind === 'on', 'the reporting notice');
    expect(state.reporting).toEqual({ kind: 'on', host: new URL(receiver.url).host, blockedVisits: false });
    const popup = await newPage();
    await popup.goto(POPUP);
    await popup.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    expect(await popup.textContent('#reporting')).toBe(`Status reports go to ${new URL(receiver.url).host}: the list in force, its serial and any problem, when they change and once a day.`);
  });

  it('a new serial and a rejected list each produce a record; the rejected one changes nothing enforced', async () => {
    publish([tiktok, chatapp, forum]);
    await checkNow(browser.context);
    await waitForStatus((r) => attr(r, 'cordon.list.serial') === '2' && attr(r, 'cordon.apps.enforced') === '3', 'the status of serial 2');

    const intruder = await newSigner();
    publish([tiktok], intruder); // serial 3, signed by a key nobody pinned
    await checkNow(browser.context);
    const rejected = await waitForStatus((r) => attr(r, 'cordon.status') === 'error', 'the status after the rejected list');
    expect(attr(rejected, 'cordon.problem.code')).toBe('no-valid-signature');
    expect(attr(rejected, 'cordon.list.serial')).toBe('2');
    expect(rejected).toMatchObject({ severityText: 'ERROR', severityNumber: 17 });
    await expectBlocked('https://forum.example/board');
  });

  it('blocked visits: not reported by default; with reportBlockedVisits the app and the host only, and the block page says so', async () => {
    publish([tiktok, chatapp, forum]); // a good list again
    await checkNow(browser.context);
    await waitForStatus((r) => attr(r, 'cordon.list.serial') === String(serial) && attr(r, 'cordon.status') === 'current', 'the status of the good list');
    const off = await expectBlocked('https://chatapp.example/inbox/secret-thread?id=42');
    expect(await off.isVisible('#reported')).toBe(false);
    await checkNow(browser.context); // anything the visit had queued would have been sent by now
    expect(visitRecords()).toEqual([]);

    writePolicy({ reportUrl: receiver.url, reportBlockedVisits: true });
    await waitForState((s) => s.reporting?.kind === 'on' && s.reporting.blockedVisits, 'blocked visits reported');
    const on = await expectBlocked('https://chatapp.example/inbox/secret-thread?id=42');
    expect(await on.textContent('#reported')).toBe('Your organisation is told about this visit: the app, the host name (chatapp.example) and the time, never the page address.');
    const [visit] = await pollUntil(visitRecords, (v) => v.length > 0, 'the blocked-visit record', { timeout: 20_000 });
    expect(attr(visit as Record_, 'cordon.app.id')).toBe('chatapp');
    expect(attr(visit as Record_, 'url.domain')).toBe('chatapp.example');
    const sent = receiver.received.map((r) => r.body).join('\n');
    expect(sent).not.toMatch(/secret-thread|id=42|inbox/);
    // Only for a host that really is blocked: a forged block-page address is not reported.
    const forged = await newPage();
    await forged.goto(`${BLOCK_PAGE}#app=chatapp&url=${encodeURIComponent('https://news.example/')}`);
    await forged.waitForLoadState('load');
    await checkNow(browser.context);
    expect(visitRecords().map((v) => attr(v, 'url.domain'))).toEqual(['chatapp.example']);
  });

  it('a collector down for a while: enforcement goes on, the popup says reports wait, and nothing is lost', async () => {
    receiver.down = true;
    const before = statusRecords().length;
    publish([tiktok, chatapp, forum, { id: 'vidapp', name: 'VidApp', domains: ['vidapp.example'] }]);
    await checkNow(browser.context);
    await pollUntil(() => receiver.received.filter((r) => r.status === 503).length, (n) => n > 0, 'a refused delivery');
    // Enforcement is not waiting on the collector: the new app is blocked now.
    await waitForState((s) => s.apps.some((a) => a.id === 'vidapp'), 'the new serial in force');
    await expectBlocked('https://vidapp.example/watch');
    const popup = await newPage();
    await popup.goto(POPUP);
    await popup.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    expect(await popup.textContent('#report-delivery')).toMatch(/^\d+ waiting; the last try failed .+ \(the collector answered HTTP 503\)\. Blocking is not affected\.$/);
    expect(await popup.locator('#status [data-kind]').count()).toBe(0); // not an enforcement problem

    receiver.down = false;
    await checkNow(browser.context);
    const after = await waitForStatus((r) => attr(r, 'cordon.list.serial') === String(serial), 'the queued status of the new serial');
    expect(attr(after, 'cordon.apps.enforced')).toBe('4');
    expect(statusRecords().length).toBeGreaterThan(before);
    // The collector records a delivery before the worker reads its answer and empties the queue:
    // wait for the queue to drain rather than read it at the moment the record arrives.
    const queued = () => worker.evaluate(async () => ((await chrome.storage.local.get('reportQueue')).reportQueue as { records: unknown[] }).records);
    expect(await pollUntil(queued, (records) => records.length === 0, 'the report queue to drain')).toEqual([]);
  });

  it('a warning that asks why: the employee is told the reason is sent, and it arrives with the warn_continue record', async () => {
    publish([...apps, { id: 'wiki', name: 'Wiki', domains: ['wiki.example'], mode: 'warn', justification: 'required' }]);
    await checkNow(browser.context);
    await waitForState((s) => s.apps.some((a) => a.id === 'wiki'), 'the warned app in force');
    const page = await newPage();
    expect((await navigate(page, 'https://wiki.example/page/secret-title?q=1')).startsWith(`${BLOCK_PAGE}#app=wiki`)).toBe(true);
    await page.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    expect(await page.textContent('#warn-reason-sent')).toBe('Your reason is sent to your organisation with this visit.');
    await page.fill('#warn-reason', 'Checking the on-call runbook');
    await page.click('#continue');
    await page.waitForURL('https://wiki.example/page/secret-title?q=1');
    const passed = (await pollUntil(
      () => receiver.records().find((r) => r.eventName === 'cordon.warn_continue') as Record_ | undefined,
      (r) => r !== undefined,
      'the warn_continue record',
      { timeout: 20_000 },
    )) as Record_;
    expect(attr(passed, 'cordon.app.id')).toBe('wiki');
    expect(attr(passed, 'url.domain')).toBe('wiki.example');
    expect(attr(passed, 'cordon.warn.reason')).toBe('Checking the on-call runbook');
    expect(receiver.received.map((r) => r.body).join('\n')).not.toMatch(/secret-title|q=1/);
  });

  it('a new checkToken makes the browser check at once, without waiting for its refresh', async () => {
    publish([...apps, { id: 'urgent', name: 'Urgent', domains: ['urgent.example'] }]);
    const requests = lists.requests.length;
    // The refresh is an hour away: only the policy change can bring this check.
    writePolicy({ reportUrl: receiver.url, reportBlockedVisits: true, checkToken: 'retraction-1' });
    await waitForState((s) => s.list?.serial === serial, 'the urgent serial, fetched because checkToken changed');
    expect(lists.requests.length).toBeGreaterThan(requests);
    await expectBlocked('https://urgent.example/');
    await waitForStatus((r) => attr(r, 'cordon.list.serial') === String(serial), 'the status of the urgent serial');
  });

  it('cordon fleet reads what the collector received: one browser, on the newest serial, and the problem it had', () => {
    const read = readExportLines(receiver.received.filter((r) => r.status === 200).map((r) => r.body));
    expect(read.badLines).toBe(0);
    const summary = summarize(read.observations, { now: Date.now(), windowMs: 3_600_000 });
    expect(summary.seen).toBe(1);
    expect(summary.serials).toEqual([{ listId: LIST_ID, serial, browsers: 1 }]);
    expect(summary.health).toEqual({ current: 1, stale: 0, error: 0 });
    expect(summary.newest).toMatchObject({ listId: LIST_ID, serial, holding: 1, of: 1 });
    expect(read.observations.some((o) => o.problem === 'no-valid-signature')).toBe(true);
  });
});
