/**
 * When enforcement starts and whether it lasts: a fresh profile's first navigation, a browser restart,
 * tabs already open on TikTok when Cordon arrives, and a TikTok page service worker registered before
 * the ban that could answer navigations from its cache without any request DNR would see.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_ORIGIN, launchChromium, navigate, newProfileDir, waitForEnforcementReady, type LaunchedBrowser } from '../support/chromium.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { drained, startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;

let server: TrafficServer;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  server = await startTrafficServer();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});
afterAll(async () => {
  await server?.close();
});

describe('enforced from the first navigation, and across restarts', () => {
  it('blocks the very first navigation of a fresh profile, and keeps blocking after a restart', async () => {
    const profileDir = newProfileDir();
    server.reset();
    browser = await launchChromium({ proxyUrl: server.proxyUrl, profileDir });
    // No waiting for the service worker: the static ruleset must already hold.
    const first = await browser.context.newPage();
    expect(await navigate(first, 'https://www.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/`);
    // Control, in the same fresh profile: an unblocked host is reached.
    expect(await navigate(first, 'https://www.control.example/')).toBe('https://www.control.example/');
    await drained(server, first);
    // No request reached TikTok. Before the worker first runs, a speculative connection may still
    // open (no bytes of a request in it): the policy test below shows how deployments close that.
    expect(server.hitsFor('tiktok.com').filter((h) => h.kind !== 'connect')).toEqual([]);
    expect(server.hitsFor('control.example').length).toBeGreaterThan(0);
    await browser.close({ keepProfile: true });

    // A restart. Chromium installs a --load-extension extension afresh on every launch, and its
    // prediction setting returns only when its worker runs: a navigation at once may open a
    // speculative connection (never a request) until then. Exactly that is what is promised here.
    server.reset();
    browser = await launchChromium({ proxyUrl: server.proxyUrl, profileDir });
    const again = await browser.context.newPage();
    expect(await navigate(again, 'https://m.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://m.tiktok.com/`);
    expect(await navigate(again, 'https://www.control.example/after-restart')).toBe('https://www.control.example/after-restart');
    await drained(server, again);
    expect(server.hitsFor('tiktok.com').filter((h) => h.kind !== 'connect')).toEqual([]);
    expect(server.hitsFor('control.example').some((h) => h.kind === 'http')).toBe(true);
    // Once the worker has run, not even a connection.
    await waitForEnforcementReady(await browser.worker());
    server.reset();
    expect(await navigate(again, 'https://www.tiktok.com/later')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/later`);
    expect(await navigate(again, 'https://www.control.example/later')).toBe('https://www.control.example/later');
    await drained(server, again);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
    expect(server.hitsFor('control.example').some((h) => h.kind === 'http')).toBe(true);
  });
});

describe.skipIf(!canWritePolicy)(`with the recommended NetworkPredictionOptions policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-prediction');
  afterEach(() => policy.remove());
  afterAll(() => policy.dispose());

  it('a fresh profile opens no connection at all to TikTok, even before the worker runs, nor right after a restart', async () => {
    policy.write({ NetworkPredictionOptions: 2 });
    server.reset();
    const profileDir = newProfileDir();
    browser = await launchChromium({ proxyUrl: server.proxyUrl, policy, profileDir });
    const page = await browser.context.newPage();
    expect(await navigate(page, 'https://www.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/`);
    expect(await navigate(page, 'https://www.control.example/')).toBe('https://www.control.example/');
    await drained(server, page);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
    expect(server.hitsFor('control.example').length).toBeGreaterThan(0);
    await browser.close({ keepProfile: true });

    server.reset();
    browser = await launchChromium({ proxyUrl: server.proxyUrl, policy, profileDir });
    const again = await browser.context.newPage();
    expect(await navigate(again, 'https://m.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://m.tiktok.com/`);
    expect(await navigate(again, 'https://www.control.example/after-restart')).toBe('https://www.control.example/after-restart');
    await drained(server, again);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
    expect(server.hitsFor('control.example').some((h) => h.kind === 'http')).toBe(true);
  });
});

describe('when Cordon arrives in a running browser', () => {
  it('sends tabs already open on TikTok to the block page and leaves other tabs alone', async () => {
    browser = await launchChromium({ proxyUrl: server.proxyUrl, loadExtension: false });
    const tiktok = await browser.context.newPage();
    const other = await browser.context.newPage();
    server.reset();
    expect(await navigate(tiktok, 'https://www.tiktok.com/@someone')).toBe('https://www.tiktok.com/@someone');
    expect(await navigate(other, 'https://nottiktok.com/')).toBe('https://nottiktok.com/');
    // Control: before Cordon, TikTok was reachable.
    expect(server.hitsFor('www.tiktok.com').some((h) => h.kind === 'http')).toBe(true);
    await drained(server, other);

    server.reset();
    expect(await browser.loadExtensionNow()).toBe(EXTENSION_ID);
    await expect
      .poll(() => tiktok.url(), { timeout: 10_000 })
      .toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/@someone`);
    await expect.poll(() => tiktok.textContent('#app-name')).toBe('TikTok');
    expect(other.url()).toBe('https://nottiktok.com/');
    expect(server.hitsFor('tiktok.com')).toEqual([]);
  });
});

describe('a TikTok page service worker registered before the ban', () => {
  const worker = `
    self.addEventListener('install', (e) => { self.skipWaiting(); e.waitUntil(caches.open('app').then((c) => c.add('/app'))); });
    self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
    self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request).then((hit) => hit || fetch(e.request))));`;

  async function registerWorker(page: Page, origin: string): Promise<void> {
    await navigate(page, `${origin}/register`);
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 });
  }

  it('cannot serve TikTok from its cache once Cordon is in force', async () => {
    server.route(({ path }) =>
      path === '/sw.js' ? { headers: { 'Content-Type': 'application/javascript' }, body: worker } : undefined,
    );
    server.route(({ path, host }) =>
      path === '/app' ? { headers: { 'Content-Type': 'text/html' }, body: `<h1 id="host">live ${host}</h1>` } : undefined,
    );
    server.route(({ path }) =>
      path === '/register'
        ? {
            headers: { 'Content-Type': 'text/html' },
            body: `<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.title = 'ready'; });</script>`,
          }
        : undefined,
    );

    browser = await launchChromium({ proxyUrl: server.proxyUrl, loadExtension: false });
    const page = await browser.context.newPage();
    // www is an origin Cordon purges at install; live.* is one it can only discover when it shows up.
    const origins = ['https://www.tiktok.com', 'https://live.tiktok.com'];
    for (const origin of origins) await registerWorker(page, origin);

    // Control: the workers really answer from cache, with no request reaching the network.
    for (const origin of origins) {
      server.reset();
      expect(await navigate(page, `${origin}/app`)).toBe(`${origin}/app`);
      expect(await page.textContent('#host')).toBe(`live ${new URL(origin).host}`);
      expect(server.hitsFor('tiktok.com').filter((h) => h.path === '/app')).toEqual([]);
    }
    await navigate(page, 'about:blank');

    await browser.loadExtensionNow();
    await waitForEnforcementReady(await browser.worker());
    for (const origin of origins) {
      server.reset();
      await navigate(page, `${origin}/app`);
      await expect.poll(() => page.url(), { timeout: 5_000 }).toBe(`${BLOCK_PAGE}#app=tiktok&url=${origin}/app`);
      // Once seen, the worker is gone: the next visit is refused by the rules before any page shows.
      expect(await navigate(page, `${origin}/app?again`)).toBe(`${BLOCK_PAGE}#app=tiktok&url=${origin}/app?again`);
      await drained(server, page);
      expect(server.hitsFor('tiktok.com')).toEqual([]);
    }
  });
});
