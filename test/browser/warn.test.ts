/**
 * Warn mode end to end: real Chromium enterprise policy, a signed list served by a local list server,
 * Cordon's real worker and rules, and the counting traffic server for every site. An app with
 * `enforceFrom` in the future gets a warning page; "Continue for now" lets it through in that tab only
 * (a session rule), until the allowance ends; from the date on it is a block. The allowance is
 * shortened for the test through `warnAllowanceSeconds` in storage.local (src/background/warn.ts).
 */
import type { Page, Worker } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/dnr.ts';
import type { CordonState } from '../../src/core/state.ts';
import { fingerprint } from '../../src/core/text/format.ts';
import { EXTENSION_ID, EXTENSION_ORIGIN, navigate, type LaunchedBrowser } from '../support/chromium.ts';
import { checkNow, waitForState as waitForStateIn } from '../support/extension.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { iso, listPayload, newSigner, type ListApp, type TestSigner } from '../support/signing.ts';
import { serveHtml } from '../support/pages.ts';
import { useChromium } from '../support/fixture.ts';
import { drained, type TrafficServer } from '../support/traffic-server.ts';
import { shot } from '../support/ui.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
const POPUP = `${EXTENSION_ORIGIN}/src/popup/index.html`;
const LIST_ID = 'acme-work-browsers';
const POLL = { timeout: 10_000 };
const utcDay = (days: number) => iso(Date.now() + days * 86_400_000).slice(0, 10);

// Two days ahead, so that the warning period cannot end during the run whatever the time of day.
const WARN_UNTIL = utcDay(2);
const tiktok: ListApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] };
const chatapp: ListApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], enforceFrom: WARN_UNTIL, reason: 'Customer data may only be discussed in approved tools.' };
const forum: ListApp = { id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'Forum is under review by Information Security.' };

describe.skipIf(!canWritePolicy)(`warn mode, end to end under real enterprise policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-warn');
  let server: TrafficServer;
  let lists: ListServer;
  let signer: TestSigner;
  let browser: LaunchedBrowser;
  let worker: Worker;
  const pages: Page[] = [];

  function publish(serial: number, apps: readonly ListApp[], changes: readonly { serial: number; date: string; summary: string }[]): void {
    lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, serial, apps, { changes })) });
  }

  const waitForState = (test: (s: CordonState) => boolean, what: string, timeout?: number) =>
    waitForStateIn(worker, test, what, timeout === undefined ? {} : { timeout });

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    pages.push(page);
    return page;
  }

  const sessionRules = () => worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules() as unknown as Promise<Rule[]>);
  const allowanceSeconds = (seconds: number) => worker.evaluate((s) => chrome.storage.local.set({ warnAllowanceSeconds: s }), seconds);
  const httpHits = (host: string, path: string) => server.hitsFor(host).filter((h) => h.kind === 'http' && h.path === path);

  /** Navigates to a URL Cordon redirects, and waits for the block page to have drawn. */
  async function toBlockPage(page: Page, url: string, appId: string): Promise<void> {
    expect(await navigate(page, url)).toBe(`${BLOCK_PAGE}#app=${appId}&url=${url}`);
    await page.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
  }

  async function openPopup(): Promise<Page> {
    const page = await newPage();
    await page.setViewportSize({ width: 364, height: 600 });
    await page.goto(POPUP);
    await page.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    return page;
  }

  const c = useChromium({
    policy,
    before: async () => {
      lists = await startListServer();
      signer = await newSigner();
      publish(1, [tiktok, chatapp, forum], [
        { serial: 1, date: utcDay(0), summary: `ChatApp: warning now, blocked from ${WARN_UNTIL}. Forum: warning only.` },
      ]);
      policy.write({ '3rdparty': { extensions: { [EXTENSION_ID]: { listUrl: lists.url, trustedKeys: [signer.publicKey], listId: LIST_ID, organization: 'Acme Corp' } } } });
    },
    after: async () => {
      await lists?.close();
      policy.dispose();
    },
  });
  beforeAll(async () => {
    ({ server, browser, worker } = c);
    await waitForState((s) => s.list?.serial === 1, 'the first signed list');
  }, 60_000);

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
    // TikTok is blocked throughout: nothing may ever reach it.
    expect(server.hitsFor('tiktok.com')).toEqual([]);
  });

  it('before the date: a warning page that explains the deadline, and nothing reaches the site', async () => {
    const page = await newPage();
    await toBlockPage(page, 'https://chatapp.example/inbox', 'chatapp');
    expect(await page.textContent('h1')).toBe('This site will soon be blocked on your work browser');
    expect(await page.textContent('#summary')).toMatch(/^ChatApp is blocked from .+\.$/);
    expect(await page.textContent('#deadline')).not.toBe('');
    expect(await page.textContent('#warn-explain')).toMatch(/in this tab only/);
    expect(await page.isVisible('#continue')).toBe(true);
    expect(await page.textContent('#summary')).not.toMatch(/Acme Corp\.$/); // the warning names the date, not a ban
    await shot(page, 'block-warn');
    await drained(server, page);
    expect(server.hitsFor('chatapp.example')).toEqual([]);

    // A plain block in the same list: no way through.
    await toBlockPage(page, 'https://www.tiktok.com/', 'tiktok');
    expect(await page.textContent('#summary')).toBe('TikTok is blocked by Acme Corp.');
    expect(await page.isVisible('#continue')).toBe(false);
    expect(await page.textContent('#source')).toBe(`Signed list “${LIST_ID}”, version 1, from ${lists.url}, signed by key ${fingerprint(signer.keyId)}`);
    await shot(page, 'block-signed-e2e');
  });

  it('"Continue for now" lets the site through in that tab only; when the allowance ends, the tab is blocked again', async () => {
    await allowanceSeconds(6);
    const page = await newPage();
    const other = await newPage();
    await toBlockPage(page, 'https://chatapp.example/inbox', 'chatapp');
    await page.click('#continue');
    await page.waitForURL('https://chatapp.example/inbox');
    // Control: the very navigation that was refused now reaches the network.
    expect(httpHits('chatapp.example', '/inbox').length).toBeGreaterThan(0);

    const rules = await sessionRules();
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://chatapp.example/*' }))[0]?.id);
    expect(rules).toEqual([
      expect.objectContaining({ priority: 3, action: { type: 'allow' }, condition: expect.objectContaining({ requestDomains: ['chatapp.example'], tabIds: [tabId] }) }),
    ]);
    expect(rules[0]?.id).toBeGreaterThanOrEqual(900_000);
    // The end is an alarm, so it comes even if the worker sleeps in between.
    expect((await worker.evaluate(() => chrome.alarms.getAll())).map((a: { name: string }) => a.name)).toContain(`warn-expire:${rules[0]?.id}`);

    // The same tab may go on within the site; another tab may not.
    expect(await navigate(page, 'https://chatapp.example/second')).toBe('https://chatapp.example/second');
    expect(httpHits('chatapp.example', '/second').length).toBeGreaterThan(0);
    await toBlockPage(other, 'https://chatapp.example/other', 'chatapp');
    await drained(server, other);
    expect(httpHits('chatapp.example', '/other')).toEqual([]);

    // The allowance ends: the tab is sent back to the warning page and the rule is gone.
    await page.waitForURL((url) => url.href.startsWith(`${BLOCK_PAGE}#app=chatapp&url=https://chatapp.example/second`), { timeout: 20_000 });
    await expect.poll(sessionRules, POLL).toEqual([]);
    await toBlockPage(page, 'https://chatapp.example/after', 'chatapp');
    await drained(server, page);
    expect(httpHits('chatapp.example', '/after')).toEqual([]);
  });

  it('closing the tab ends its allowance: its rule names that tab only, and goes at the next grant', async () => {
    await allowanceSeconds(120);
    const page = await newPage();
    await toBlockPage(page, 'https://chatapp.example/closing', 'chatapp');
    await page.click('#continue');
    await page.waitForURL('https://chatapp.example/closing');
    const [rule] = await sessionRules();
    const closedTab = rule?.condition.tabIds?.[0];
    expect(closedTab).toBeGreaterThan(0);
    await page.close();
    // No tab listener wakes the worker for a closed tab: the rule stays, naming a tab that is gone, so a
    // new tab gets nothing through it.
    const next = await newPage();
    await toBlockPage(next, 'https://chatapp.example/after-close', 'chatapp');
    expect(httpHits('chatapp.example', '/after-close')).toEqual([]);
    // The next grant clears it away.
    await next.click('#continue');
    await next.waitForURL('https://chatapp.example/after-close');
    const rules = await sessionRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.condition.tabIds).not.toEqual([closedTab]);
    await next.close();
  });

  it('an allowance survives the worker being stopped, and still ends on time', async () => {
    await allowanceSeconds(8);
    const page = await newPage();
    await toBlockPage(page, 'https://chatapp.example/sleep', 'chatapp');
    await page.click('#continue');
    await page.waitForURL('https://chatapp.example/sleep');

    // Chromium stops idle extension workers; stop this one now (a marker shows the restart).
    await worker.evaluate(() => Object.assign(globalThis, { __beforeStop: true }));
    const popup = await openPopup();
    const cdp = await browser.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await popup.close();

    // Moving on within the site wakes the worker (a tab event): the tab keeps its allowance.
    expect(await navigate(page, 'https://chatapp.example/awake')).toBe('https://chatapp.example/awake');
    expect(httpHits('chatapp.example', '/awake').length).toBeGreaterThan(0);
    await drained(server, page);
    expect(page.url()).toBe('https://chatapp.example/awake');
    expect(await worker.evaluate(() => (globalThis as { __beforeStop?: boolean }).__beforeStop)).toBeUndefined();

    // The alarm ends it as if the worker had never stopped.
    await page.waitForURL((url) => url.href.startsWith(`${BLOCK_PAGE}#app=chatapp`), { timeout: 30_000 });
    await expect.poll(sessionRules, POLL).toEqual([]);
  });

  it('mode "warn" without a date: a warning with no deadline', async () => {
    const page = await newPage();
    await toBlockPage(page, 'https://forum.example/thread/1', 'forum');
    expect(await page.textContent('h1')).toBe('Your organisation advises against this site');
    expect(await page.textContent('#summary')).toBe('Forum is discouraged by your organisation.');
    expect(await page.isVisible('#deadline')).toBe(false);
    expect(await page.isVisible('#continue')).toBe(true);
    await shot(page, 'block-warn-nodate');
    await drained(server, page);
    expect(server.hitsFor('forum.example')).toEqual([]);
  });

  it('the worker decides, never the page: forged requests are refused', async () => {
    await allowanceSeconds(120);
    const page = await newPage();
    await toBlockPage(page, 'https://www.tiktok.com/', 'tiktok');
    const ask = (p: Page, appId: string, url: string) =>
      p.evaluate(([a, u]) => chrome.runtime.sendMessage({ type: 'warn-continue', appId: a, url: u }), [appId, url] as const);
    expect(await ask(page, 'tiktok', 'https://www.tiktok.com/')).toEqual({ ok: false, reason: 'not-warn' });
    expect(await ask(page, 'chatapp', 'https://www.tiktok.com/')).toEqual({ ok: false, reason: 'not-this-app' });
    expect(await ask(page, 'chatapp', 'javascript:alert(1)')).toEqual({ ok: false, reason: 'bad-url' });
    expect(await ask(page, 'nope', 'https://chatapp.example/')).toEqual({ ok: false, reason: 'unknown-app' });
    const popup = await openPopup();
    expect(await ask(popup, 'chatapp', 'https://chatapp.example/')).toEqual({ ok: false, reason: 'no-tab' });
    expect(await sessionRules()).toEqual([]);
    await drained(server, page);
    expect(server.hitsFor('chatapp.example').filter((h) => h.kind === 'http' && h.path === '/')).toEqual([]);
  });

  it('a web page that frames the warning page gets no click and no grant; the same page on its own tab still works (control)', async () => {
    await allowanceSeconds(5);
    const target = 'https://forum.example/framed';
    const framedUrl = `${BLOCK_PAGE}#app=forum&url=${target}`;
    // A site cannot frame the block page by its URL (use_dynamic_url, block-page.test.ts), but it can
    // frame the warned site itself, which Cordon's rules then replace with the warning page.
    const attacker = serveHtml(
      server,
      'attacker.example',
      '/clickjack',
      `<!doctype html><title>Win a prize</title><iframe id="f" src="${target}" style="opacity:0.01;width:600px;height:400px"></iframe>`,
    );
    const page = await newPage();
    expect(await navigate(page, attacker)).toBe(attacker);
    const frame = await (await page.waitForSelector('#f')).contentFrame();
    if (!frame) throw new Error('the block page did not load in the frame');
    await frame.waitForURL(framedUrl);
    await frame.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    // The framed page says what it is, but offers nothing to click.
    expect(await frame.textContent('#app-name')).toBe('Forum');
    for (const button of ['#continue', '#open', '#back']) expect(await frame.isVisible(button), button).toBe(false);
    // Even asked directly from the frame (a click the page could not stop), the worker refuses.
    const reply = await frame.evaluate((url) => chrome.runtime.sendMessage({ type: 'warn-continue', appId: 'forum', url }), target);
    expect(reply).toEqual({ ok: false, reason: 'no-tab' });
    expect(await sessionRules()).toEqual([]);
    expect(page.url()).toBe(attacker);
    await drained(server, page);
    expect(httpHits('forum.example', '/framed')).toEqual([]);

    // Control: the very same page as the top-level document of its tab gets the allowance.
    const own = await newPage();
    await toBlockPage(own, target, 'forum');
    expect(await own.isVisible('#continue')).toBe(true);
    await own.click('#continue');
    await own.waitForURL(target);
    expect(httpHits('forum.example', '/framed').length).toBeGreaterThan(0);
    expect(await sessionRules()).toHaveLength(1);
    // The control's allowance ends on its own, and its tab goes back to the warning.
    await own.waitForURL((url) => url.href.startsWith(`${BLOCK_PAGE}#app=forum`), { timeout: 30_000 });
    await expect.poll(sessionRules, POLL).toEqual([]);
    await own.close();
  });

  it('the popup over the real signed list: states, who decided, where from, history', async () => {
    const popup = await openPopup();
    expect(await popup.textContent('[data-app="tiktok"] .tag')).toBe('Blocked');
    expect(await popup.textContent('[data-app="chatapp"] .tag')).toBe('Warning only');
    expect(await popup.textContent('[data-app="chatapp"] .app-deadline')).toMatch(/^Blocked from /);
    expect(await popup.textContent('[data-app="forum"] .tag')).toBe('Warning only');
    expect(await popup.textContent('#organization')).toBe('Acme Corp');
    expect(await popup.textContent('#issuer')).toBe('Acme Corp Information Security');
    expect(await popup.getAttribute('a#contact', 'href')).toBe('mailto:security@acme.example');
    expect(await popup.textContent('#source-url')).toBe(lists.url);
    expect(await popup.textContent('#signers')).toBe(`key ${fingerprint(signer.keyId)}`);
    expect(await popup.textContent('#serial')).toBe('1');
    expect(await popup.textContent('#history')).toMatch(/ChatApp: warning now, blocked from/);
    await shot(popup, 'popup-e2e-warn');
  });

  it('from the date on it is a block: a new list ends the running allowance, and a withdrawn ban is said', async () => {
    await allowanceSeconds(120);
    const page = await newPage();
    await toBlockPage(page, 'https://chatapp.example/allowed', 'chatapp');
    await page.click('#continue');
    await page.waitForURL('https://chatapp.example/allowed');
    expect(await sessionRules()).toHaveLength(1);
    const forumControl = await newPage();
    await toBlockPage(forumControl, 'https://forum.example/before', 'forum');

    // The organisation moves ChatApp's date to today and withdraws the Forum notice.
    publish(2, [tiktok, { ...chatapp, enforceFrom: utcDay(0) }], [
      { serial: 2, date: utcDay(0), summary: 'Forum: ban withdrawn — the notice was sent in error. ChatApp blocked from today.' },
      { serial: 1, date: utcDay(0), summary: `ChatApp: warning now, blocked from ${WARN_UNTIL}. Forum: warning only.` },
    ]);
    expect((await checkNow(browser.context)).list?.serial).toBe(2);

    // The allowed tab goes back to the block page, now a block with no way through.
    await page.waitForURL((url) => url.href.startsWith(`${BLOCK_PAGE}#app=chatapp`), { timeout: 15_000 });
    await expect.poll(sessionRules, POLL).toEqual([]);
    await expect.poll(() => page.textContent('h1'), POLL).toBe('This site is blocked on your work browser');
    expect(await page.isVisible('#continue')).toBe(false);
    await shot(page, 'block-after-date');

    const late = await newPage();
    await toBlockPage(late, 'https://chatapp.example/late', 'chatapp');
    expect(await late.isVisible('#continue')).toBe(false);
    expect(await late.evaluate(() => chrome.runtime.sendMessage({ type: 'warn-continue', appId: 'chatapp', url: 'https://chatapp.example/late' }))).toEqual({
      ok: false,
      reason: 'not-warn',
    });
    await drained(server, late);
    expect(httpHits('chatapp.example', '/late')).toEqual([]);
    expect(await sessionRules()).toEqual([]);

    // Forum's notice was withdrawn: its old block page says so, and the site loads (control).
    await expect.poll(() => forumControl.textContent('h1'), POLL).toBe('This site is no longer blocked');
    await shot(forumControl, 'block-lifted-e2e');
    expect(await navigate(forumControl, 'https://forum.example/after')).toBe('https://forum.example/after');
    expect(httpHits('forum.example', '/after').length).toBeGreaterThan(0);

    const popup = await openPopup();
    expect(await popup.textContent('[data-app="chatapp"] .tag')).toBe('Blocked');
    expect(await popup.textContent('[data-app="forum"] .tag')).toBe('No longer blocked');
    expect(await popup.textContent('#history li:first-child')).toMatch(/Forum: ban withdrawn — the notice was sent in error\./);
    await shot(popup, 'popup-e2e-withdrawn');
  });

  it('a warning that asks why: no continue without a reason; with one, the site loads for the list\'s allowMinutes; the alternative is named', async () => {
    await allowanceSeconds(600); // the default: the test hook no longer shortens anything
    publish(3, [tiktok, { ...forum, justification: 'required', allowMinutes: 30, alternative: 'https://chat.acme-corp.example/forum' }], [
      { serial: 3, date: utcDay(0), summary: 'Forum: a reason is asked before continuing.' },
    ]);
    expect((await checkNow(browser.context)).list?.serial).toBe(3);
    const page = await newPage();
    await toBlockPage(page, 'https://forum.example/thread/2', 'forum');
    expect(await page.textContent('#warn-reason-label')).toBe('Why do you need it? (required)');
    expect(await page.textContent('#warn-explain')).toMatch(/30 minutes/);
    expect(await page.getAttribute('#alternative-link', 'href')).toBe('https://chat.acme-corp.example/forum');
    await shot(page, 'warn-reason-required');

    await page.click('#continue');
    await expect.poll(() => page.textContent('#warn-error'), POLL).toBe('Cordon did not allow this: give a reason first');
    await drained(server, page);
    expect(httpHits('forum.example', '/thread/2')).toEqual([]);
    expect(await sessionRules()).toEqual([]);

    await page.fill('#warn-reason', 'Reading the incident thread for ticket 4711');
    const before = Date.now();
    await page.click('#continue');
    await page.waitForURL('https://forum.example/thread/2');
    expect(httpHits('forum.example', '/thread/2').length).toBeGreaterThan(0);
    const [rule] = await sessionRules();
    const alarm = (await worker.evaluate(() => chrome.alarms.getAll())).find((a: { name: string }) => a.name === `warn-expire:${rule?.id}`) as { scheduledTime: number } | undefined;
    // The allowance ends 30 minutes after the grant (the list's allowMinutes), not after the default 10.
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + 29 * 60_000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 5_000);
  });
});
