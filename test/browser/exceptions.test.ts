/**
 * Scoped exceptions and break-glass override codes (issue #15) in real Chromium under real enterprise
 * policy (a private mount namespace): an exception in the signed list unblocks an app for a browser in
 * the named group, and only there; the policy's groups decide; an override code from the real `cordon
 * override` unblocks one app in one browser and is refused, in words, for another browser, once
 * expired, or from an unpinned key; and once their time is over (the browser restarted with its clock
 * moved ahead by libfaketime, no waiting) the apps are blocked again with no new list, and the popup,
 * history and block page say so.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CordonState } from '../../src/core/state.ts';
import { EXTENSION_ID, launchChromium, navigate, newProfileDir, waitForEnforcementReady, type LaunchedBrowser } from '../support/chromium.ts';
import { runCordonInProcess } from '../support/cli.ts';
import { waitForState as waitForStateIn } from '../support/extension.ts';
import { BLOCK_PAGE, POPUP } from '../support/fixture.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { listPayload, newSigner, type ListApp, type TestSigner } from '../support/signing.ts';
import { drained, startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';
import { HOSTILE, SCREENSHOTS } from '../support/ui.ts';

const LIST_ID = 'acme-work-browsers';
const tiktok: ListApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] };
const chatapp: ListApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] };
const forum: ListApp = { id: 'forum', name: 'Forum', domains: ['forum.example'] };
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const REASON = `Brand account run by Marketing, approved by the CISO (SEC-2291) ${HOSTILE}`;

describe.skipIf(!canWritePolicy)(`exceptions and override codes, under real enterprise policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-exceptions');
  const profileDir = newProfileDir();
  const keysDir = mkdtempSync(join(tmpdir(), 'cordon-override-keys-'));
  let server: TrafficServer;
  let lists: ListServer;
  let signer: TestSigner;
  /** A key made by `cordon keygen` and pinned beside the list signer's: it signs the override codes. */
  let itKey: { pem: string; pub: string };
  let stranger: { pem: string; pub: string };
  let browser: LaunchedBrowser | undefined;
  let worker: Worker;
  let until: number;
  const pages: Page[] = [];

  const keygen = async (name: string) => {
    const run = await runCordonInProcess(['keygen', '--out', join(keysDir, name)]);
    expect(run.code, run.stderr).toBe(0);
    return { pem: join(keysDir, name, 'cordon-signing.pem'), pub: run.stdout.trim() };
  };
  const writePolicy = (groups: readonly string[]) =>
    policy.write({
      '3rdparty': {
        extensions: {
          [EXTENSION_ID]: { listUrl: lists.url, trustedKeys: [signer.publicKey, itKey.pub], threshold: 1, listId: LIST_ID, organization: 'Acme Corp', ...(groups.length > 0 ? { groups } : {}) },
        },
      },
    });
  const launch = async (clockAhead?: string) => {
    browser = await launchChromium({ proxyUrl: server.proxyUrl, policy, profileDir, ...(clockAhead === undefined ? {} : { clockAhead }) });
    worker = await browser.worker();
    await waitForEnforcementReady(worker);
  };
  const waitForState = (test: (s: CordonState) => boolean, what: string) => waitForStateIn(worker, test, what, { timeout: 45_000 });
  const newPage = async () => {
    const page = await (browser as LaunchedBrowser).context.newPage();
    pages.push(page);
    return page;
  };
  const httpHits = (host: string, path: string) => server.hitsFor(host).filter((h) => h.kind === 'http' && h.path === path);
  async function expectBlocked(page: Page, url: string, appId: string): Promise<void> {
    expect(await navigate(page, url)).toBe(`${BLOCK_PAGE}#app=${appId}&url=${url}`);
    await page.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    await drained(server, page);
    expect(httpHits(new URL(url).hostname, new URL(url).pathname), url).toEqual([]);
  }
  async function expectReached(page: Page, url: string): Promise<void> {
    expect(await navigate(page, url)).toBe(url);
    expect(httpHits(new URL(url).hostname, new URL(url).pathname).length, url).toBeGreaterThan(0);
  }
  async function openPopup(): Promise<Page> {
    const page = await newPage();
    await page.setViewportSize({ width: 364, height: 700 });
    await page.goto(POPUP);
    await page.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    return page;
  }
  const installId = async () => (await worker.evaluate(() => chrome.storage.local.get('installId'))).installId as string;
  const override = async (args: readonly string[], now?: Date) => {
    const run = await runCordonInProcess(['override', ...args], now === undefined ? undefined : () => now);
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.trim();
  };
  async function typeCode(page: Page, code: string): Promise<string> {
    if (!(await page.locator('#override').evaluate((d) => (d as HTMLDetailsElement).open))) await page.click('#override-summary');
    await page.evaluate(() => {
      (document.getElementById('override-result') as HTMLElement).textContent = '';
    });
    await page.fill('#override-code', code);
    await page.click('#override-submit');
    await page.waitForFunction(() => (document.getElementById('override-result')?.textContent ?? '') !== '');
    return (await page.textContent('#override-result')) ?? '';
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTrafficServer();
    lists = await startListServer();
    signer = await newSigner();
    itKey = await keygen('it');
    stranger = await keygen('stranger');
    until = Date.now() + 2 * HOUR;
    lists.serve({
      kind: 'list',
      body: signer.sign(
        listPayload(LIST_ID, 1, [tiktok, chatapp, forum], {
          exceptions: [
            { app: 'tiktok', groups: ['marketing'], until: iso(until), reason: REASON },
            { app: 'chatapp', groups: ['research'], until: iso(until), reason: 'Security research on the ChatApp web client.' },
          ],
        }),
      ),
    });
    writePolicy(['marketing', 'emea']);
    await launch();
    await waitForState((s) => s.list?.serial === 1 && s.lifts?.length === 1, 'the list, with the marketing exception in force');
  }, 90_000);

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await lists?.close();
    policy.dispose();
  });

  it('the exception for the browser\'s group lets the app through until its end; the other group\'s exception does not', async () => {
    const state = await waitForState((s) => s.lifts !== undefined, 'lifts');
    expect(state.lifts).toEqual([{ app: 'tiktok', name: 'TikTok', kind: 'exception', until: iso(until), reason: REASON, groups: ['marketing'] }]);
    const page = await newPage();
    await expectReached(page, 'https://www.tiktok.com/@acme');
    // ChatApp's exception is for "research", which this browser is not in; Forum has none.
    await expectBlocked(page, 'https://chatapp.example/inbox', 'chatapp');
    await expectBlocked(page, 'https://forum.example/thread', 'forum');
    // It ends by alarm at `until`, even if the worker sleeps until then.
    const alarm = (await worker.evaluate(() => chrome.alarms.get('lift-end'))) as { scheduledTime: number } | undefined;
    expect(alarm?.scheduledTime).toBe(until - (until % 1000));

    const popup = await openPopup();
    const item = popup.locator('[data-app="tiktok"]');
    expect(await item.locator('.tag').textContent()).toBe('Allowed for now');
    expect(await item.locator('.app-lift').textContent()).toMatch(/^Exception for marketing until /);
    // The list's text is shown as text: the markup in the reason is inert.
    expect(await item.locator('.app-lift-why').textContent()).toBe(`Why: ${REASON}`);
    expect(await popup.locator('[data-app="tiktok"] img').count()).toBe(0);
    expect(await popup.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await popup.locator('[data-app="chatapp"] .tag').textContent()).toBe('Blocked');
    expect(await popup.locator('#history li').first().textContent()).toMatch(/Exception for marketing: TikTok allowed until .+\. Why: Brand account/);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-exception.png`, fullPage: true });
  });

  it('the policy\'s groups decide: out of the group, the app is blocked again at once, with no new list; back in, allowed', async () => {
    writePolicy(['emea']);
    const state = await waitForState((s) => s.lifts === undefined && s.groups?.join() === 'emea', 'the exception gone with the group');
    expect(state.list?.serial).toBe(1);
    expect(state.liftsEnded?.[0]).toMatchObject({ app: 'tiktok', kind: 'exception', groups: ['marketing'] });
    const page = await newPage();
    await expectBlocked(page, 'https://www.tiktok.com/@acme/later', 'tiktok');
    expect(await page.textContent('#lift-ended')).toMatch(/^The exception for marketing ended on .+: this site is blocked again\.$/);

    writePolicy(['marketing', 'emea']);
    await waitForState((s) => s.lifts?.[0]?.app === 'tiktok', 'the exception back with the group');
    await expectReached(page, 'https://www.tiktok.com/@acme/again');
  });

  it('an override code: refused for another browser, once expired, or from an unpinned key; the right one unblocks one app in this browser', async () => {
    const id = await installId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const page = await newPage();
    await expectBlocked(page, 'https://forum.example/thread/7', 'forum');
    expect(await page.isVisible('#override')).toBe(true);

    const other = await override(['--key', itKey.pem, '--install-id', '9c1d0e2f-1111-4222-8333-444455556666', '--app', 'forum', '--hours', '1']);
    expect(await typeCode(page, other)).toBe('The code was not accepted: it was made for another browser (compare the install id in Cordon\'s popup).');
    const expired = await override(['--key', itKey.pem, '--install-id', id, '--app', 'forum', '--hours', '1'], new Date(Date.now() - 3 * HOUR));
    expect(await typeCode(page, expired)).toBe('The code was not accepted: it has expired.');
    const unpinned = await override(['--key', stranger.pem, '--install-id', id, '--app', 'forum', '--hours', '1']);
    expect(await typeCode(page, unpinned)).toBe('The code was not accepted: it is not signed by a key your organisation trusts.');
    const wrongApp = await override(['--key', itKey.pem, '--install-id', id, '--app', 'chatapp', '--hours', '1']);
    expect(await typeCode(page, wrongApp)).toBe('The code was not accepted: it was made for another app.');
    await drained(server, page);
    expect(server.hitsFor('forum.example')).toEqual([]);
    expect((await worker.evaluate(() => chrome.storage.local.get('overrides'))).overrides).toBeUndefined();

    const good = await override(['--key', itKey.pem, '--install-id', id, '--app', 'forum', '--hours', '1', '--reason', 'Incident 4411: moderator evidence']);
    await page.fill('#override-code', good.toLowerCase());
    await page.click('#override-submit');
    // The worker sends the tab on to the page that was refused.
    await page.waitForURL('https://forum.example/thread/7', { timeout: 20_000 });
    expect(httpHits('forum.example', '/thread/7').length).toBeGreaterThan(0);
    // Nothing else changed: ChatApp stays blocked.
    const second = await newPage();
    await expectBlocked(second, 'https://chatapp.example/inbox/2', 'chatapp');
    const state = await waitForState((s) => s.lifts?.some((l) => l.app === 'forum') === true, 'the override recorded');
    expect(state.lifts?.find((l) => l.app === 'forum')).toMatchObject({ kind: 'override', reason: 'Incident 4411: moderator evidence' });
    const popup = await openPopup();
    expect(await popup.locator('[data-app="forum"] .app-lift').textContent()).toMatch(/^Override code for this browser, until /);
    expect(await popup.textContent('#install-id')).toBe(id);
  });

  it('after their end (the clock moved 3 hours ahead, browser restarted): blocked again with no new list, and said', async () => {
    const serial = (await waitForState((s) => s.list !== undefined, 'the list')).list?.serial;
    await (browser as LaunchedBrowser).close({ keepProfile: true });
    browser = undefined;
    server.reset();
    await launch('+3h');
    // The browser's own clock is ahead: what the worker decides with.
    expect(await worker.evaluate(() => Date.now())).toBeGreaterThan(until + 30 * 60_000);
    const state = await waitForState((s) => s.lifts === undefined && (s.liftsEnded?.length ?? 0) >= 2, 'both lifts ended');
    expect(state.list?.serial).toBe(serial);
    expect(state.liftsEnded?.map((l) => `${l.kind}:${l.app}`).slice(0, 2).sort()).toEqual(['exception:tiktok', 'override:forum']);
    expect(await worker.evaluate(() => chrome.alarms.get('lift-end'))).toBeUndefined();

    const page = await newPage();
    await expectBlocked(page, 'https://www.tiktok.com/@acme/after', 'tiktok');
    expect(await page.textContent('#lift-ended')).toMatch(/^The exception for marketing ended on .+: this site is blocked again\.$/);
    await expectBlocked(page, 'https://forum.example/thread/8', 'forum');
    expect(await page.textContent('#lift-ended')).toMatch(/^Your override code ended on .+: this site is blocked again\.$/);
    // Control: an unblocked host still loads in this browser.
    await expectReached(page, 'https://www.control.example/after');
    const popup = await openPopup();
    expect(await popup.locator('[data-app="tiktok"] .tag').textContent()).toBe('Blocked');
    const history = await popup.locator('#history li').allTextContents();
    expect(history.some((h) => /The exception for marketing ended: TikTok is blocked again/.test(h))).toBe(true);
    expect(history.some((h) => /The override code ended: Forum is blocked again/.test(h))).toBe(true);
  });
});
