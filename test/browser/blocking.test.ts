/**
 * Cordon in real Chromium with no policy: the built-in TikTok entry is enforced. Every request leaves
 * through the counting traffic server, so "blocked" means zero requests and zero connections reached
 * the host, and each blocking assertion has a control that proves the same request would have arrived.
 */
import { mkdirSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN, launchChromium, navigate, PREDICTION_TAKER, predictionByOther, waitForEnforcementReady, type LaunchedBrowser } from '../support/chromium.ts';
import { CONTROL_PROBE, readProbe, serveHtml, serveProbe, TIKTOK_PROBE } from '../support/pages.ts';
import { drained, startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';

const SCREENSHOTS = 'test-results/screenshots';
const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;

let server: TrafficServer;
let browser: LaunchedBrowser;
let worker: Worker;
let page: Page;


beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTrafficServer();
  browser = await launchChromium({ proxyUrl: server.proxyUrl, alsoLoad: [PREDICTION_TAKER] });
  worker = await browser.worker();
  await waitForEnforcementReady(worker);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await browser.context.newPage();
  server.reset();
});

describe('navigations to TikTok land on the block page and never reach the network', () => {
  it.each([
    ['https://www.tiktok.com/', 'www.tiktok.com'],
    ['https://tiktok.com/@someone/video/123?lang=en&is_copy_url=1', 'tiktok.com'],
    ['http://m.tiktok.com/', 'm.tiktok.com'],
    ['https://vm.tiktok.com/ZMabc/', 'vm.tiktok.com'],
    ['https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/feed/', 'api16-normal-c-useast1a.tiktokv.com'],
    ['https://www.musical.ly/', 'www.musical.ly'],
  ])('%s', async (url, host) => {
    const landed = await navigate(page, url);
    expect(landed).toBe(`${BLOCK_PAGE}#app=tiktok&url=${url}`);
    await expect.poll(() => page.textContent('#app-name')).toBe('TikTok');
    expect(await page.textContent('#host')).toBe(host);
    await drained(server, page);
    expect(server.hitsFor(host)).toEqual([]);
  });

  it('control: the same navigation to an unblocked host reaches the server', async () => {
    expect(await navigate(page, 'https://www.control.example/')).toBe('https://www.control.example/');
    expect(server.hitsFor('control.example').map((h) => h.kind)).toEqual(expect.arrayContaining(['connect', 'http']));
  });

  it('shows the app, the host and a way back', async () => {
    await navigate(page, 'https://www.tiktok.com/foryou');
    await expect.poll(() => page.textContent('#app-name')).toBe('TikTok');
    expect(await page.textContent('h1')).toMatch(/blocked/i);
    expect(await page.textContent('#reason')).not.toBe('');
    expect(await page.isVisible('#back')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/block-page.png`, fullPage: true });
  });
});

describe('every other kind of request to TikTok is refused', () => {
  it('iframe, script, image, fetch and WebSocket: blocked for TikTok, delivered for a control host', async () => {
    const blockedUrl = serveProbe(server, 'news.example', 'tiktok', TIKTOK_PROBE);
    const controlUrl = serveProbe(server, 'news.example', 'control', CONTROL_PROBE);

    await navigate(page, controlUrl);
    expect(await readProbe(page)).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', wss: 'open', ws: 'open' });
    await expect.poll(() => page.frames().some((f) => f.url() === 'https://frame.control.example/framed')).toBe(true);
    for (const host of ['frame', 'script', 'image', 'fetch']) {
      expect(server.hitsFor(`${host}.control.example`).some((h) => h.kind === 'http')).toBe(true);
    }
    expect(server.hitsFor('ws.control.example').filter((h) => h.kind === 'websocket')).toHaveLength(2);

    server.reset();
    await navigate(page, blockedUrl);
    expect(await readProbe(page)).toEqual({ script: 'error', image: 'error', fetch: 'error', wss: 'error', ws: 'error' });
    // The frame shows the block page instead of TikTok.
    await expect
      .poll(() => page.frames().map((f) => f.url()))
      .toContain(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/framed`);
    await drained(server, page);
    for (const domain of ['tiktok.com', 'ttwstatic.com', 'tiktokcdn.com', 'tiktokv.com']) {
      expect(server.hitsFor(domain), domain).toEqual([]);
    }
    expect(server.hitsFor('news.example').length).toBeGreaterThan(0);
  });
});

describe('lookalikes are never blocked', () => {
  it.each([
    'https://nottiktok.com/',
    'https://tiktok.com.example.org/',
    'https://mytiktok.com/',
    'https://tiktok.co.example/',
    // A Cyrillic "о": a different host, which must load.
    'https://xn--tiktk-mye.com/',
    'https://search.example/?q=tiktok.com',
    'https://search.example/tiktok.com/www.tiktok.com',
    'https://www.example.org/#tiktok.com',
  ])('%s loads', async (url) => {
    expect(await navigate(page, url)).toBe(url);
    const host = new URL(url).hostname;
    expect(server.hitsFor(host).some((h) => h.kind === 'http' && h.host === host)).toBe(true);
  });
});

describe('no connection is opened to a blocked host, not even speculatively', () => {
  const preconnectPage = (name: string) =>
    serveHtml(
      server,
      'news.example',
      `/preconnect/${name}`,
      `<!doctype html><link rel="preconnect" href="https://www.tiktok.com"><link rel="preconnect" href="https://preconnect.control.example"><link rel="dns-prefetch" href="https://dns.tiktok.com"><h1>news</h1>`,
    );

  it('control: with network prediction on, Chromium preconnects to TikTok from a page and from a blocked navigation', async () => {
    await predictionByOther(browser, true);
    try {
      await navigate(page, preconnectPage('on'));
      await server.waitForHit((h) => h.kind === 'connect' && h.host === 'preconnect.control.example');
      await server.waitForHit((h) => h.kind === 'connect' && h.host === 'www.tiktok.com');
      server.reset();
      await navigate(page, 'https://www.tiktok.com/');
      await server.waitForHit((h) => h.kind === 'connect' && h.host === 'www.tiktok.com');
      // Even then no request got through: the rule holds; only the connection leaked.
      expect(server.hitsFor('tiktok.com').filter((h) => h.kind !== 'connect')).toEqual([]);
    } finally {
      await predictionByOther(browser, false);
    }
  });

  it('with Cordon in force, neither a <link rel=preconnect> nor a blocked navigation opens a connection', async () => {
    await navigate(page, preconnectPage('off'));
    await navigate(page, 'https://www.tiktok.com/');
    await drained(server, page);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
    expect(server.hitsFor('news.example').length).toBeGreaterThan(0);
  });
});

describe("Google Translate's website proxy carries no blocked app", () => {
  it('a proxied TikTok page, its proxied subresources and sockets are refused; other proxied sites and lookalikes load', async () => {
    // Controls first: the proxy itself, for a site nothing blocks, and for a lookalike of TikTok.
    for (const url of ['https://www-wikipedia-org.translate.goog/wiki/Cat?_x_tr_sl=en&_x_tr_tl=id', 'https://not--tiktok-com.translate.goog/', 'https://tiktok-com-example-org.translate.goog/']) {
      expect(await navigate(page, url)).toBe(url);
      expect(server.hitsFor(new URL(url).hostname).some((h) => h.kind === 'http')).toBe(true);
    }
    // Navigations: the name itself and the names below it, as a link from the translate page would open them.
    for (const url of ['https://www-tiktok-com.translate.goog/@someone?_x_tr_sl=auto&_x_tr_tl=en', 'https://tiktok-com.translate.goog/', 'https://m-tiktok-com.translate.goog/']) {
      expect(await navigate(page, url)).toBe(`${BLOCK_PAGE}#app=tiktok&url=${url}`);
      await expect.poll(() => page.textContent('#app-name')).toBe('TikTok');
    }
    // Subresources as the proxy rewrites them, from a proxied page nothing blocks.
    const proxied = (host: string) => host.split('.').map((l) => l.replace(/-/g, '--')).join('-') + '.translate.goog';
    const probe = { ...TIKTOK_PROBE, frame: proxied(TIKTOK_PROBE.frame), script: proxied(TIKTOK_PROBE.script), image: proxied(TIKTOK_PROBE.image), fetch: proxied(TIKTOK_PROBE.fetch), websocket: proxied(TIKTOK_PROBE.websocket) };
    const control = { ...CONTROL_PROBE, frame: proxied(CONTROL_PROBE.frame), script: proxied(CONTROL_PROBE.script), image: proxied(CONTROL_PROBE.image), fetch: proxied(CONTROL_PROBE.fetch), websocket: proxied(CONTROL_PROBE.websocket) };
    await navigate(page, serveProbe(server, 'www-news-example.translate.goog', 'control', control));
    expect(await readProbe(page)).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', wss: 'open', ws: 'open' });
    server.reset();
    await navigate(page, serveProbe(server, 'www-news-example.translate.goog', 'tiktok', probe));
    expect(await readProbe(page)).toEqual({ script: 'error', image: 'error', fetch: 'error', wss: 'error', ws: 'error' });
    await expect.poll(() => page.frames().map((f) => f.url())).toContain(`${BLOCK_PAGE}#app=tiktok&url=https://${probe.frame}/framed`);
    for (const host of Object.values(probe)) expect(server.hitsFor(host), host).toEqual([]);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
  });
});
