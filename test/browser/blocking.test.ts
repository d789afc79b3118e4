/**
 * Cordon in real Chromium with no policy: the built-in TikTok entry is enforced. Every request leaves
 * through the counting traffic server, so "blocked" means zero requests and zero connections reached
 * the host, and each blocking assertion has a control that proves the same request would have arrived.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_PAGE, useChromium } from '../support/fixture.ts';
import { navigate, PREDICTION_TAKER, predictionByOther } from '../support/chromium.ts';
import { CONTROL_PROBE, readProbe, serveHtml, serveProbe, TIKTOK_PROBE } from '../support/pages.ts';
import { drained } from '../support/traffic-server.ts';
import { screenshotPath } from '../support/ui.ts';

const c = useChromium({ alsoLoad: [PREDICTION_TAKER] });

describe('navigations to TikTok land on the block page and never reach the network', () => {
  it.each([
    ['https://www.tiktok.com/', 'www.tiktok.com'],
    ['https://tiktok.com/@someone/video/123?lang=en&is_copy_url=1', 'tiktok.com'],
    ['http://m.tiktok.com/', 'm.tiktok.com'],
    ['https://vm.tiktok.com/ZMabc/', 'vm.tiktok.com'],
    ['https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/feed/', 'api16-normal-c-useast1a.tiktokv.com'],
    ['https://www.musical.ly/', 'www.musical.ly'],
  ])('%s', async (url, host) => {
    const landed = await navigate(c.page, url);
    expect(landed).toBe(`${BLOCK_PAGE}#app=tiktok&url=${url}`);
    await expect.poll(() => c.page.textContent('#app-name')).toBe('TikTok');
    expect(await c.page.textContent('#host')).toBe(host);
    await drained(c.server, c.page);
    expect(c.server.hitsFor(host)).toEqual([]);
  });

  it('control: the same navigation to an unblocked host reaches the server', async () => {
    expect(await navigate(c.page, 'https://www.control.example/')).toBe('https://www.control.example/');
    expect(c.server.hitsFor('control.example').map((h) => h.kind)).toEqual(expect.arrayContaining(['connect', 'http']));
  });

  it('shows the app, the host and a way back', async () => {
    await navigate(c.page, 'https://www.tiktok.com/foryou');
    await expect.poll(() => c.page.textContent('#app-name')).toBe('TikTok');
    expect(await c.page.textContent('h1')).toMatch(/blocked/i);
    expect(await c.page.textContent('#reason')).not.toBe('');
    expect(await c.page.isVisible('#back')).toBe(true);
    await c.page.screenshot({ path: screenshotPath('block-page'), fullPage: true });
  });
});

describe('every other kind of request to TikTok is refused', () => {
  it('iframe, script, image, fetch and WebSocket: blocked for TikTok, delivered for a control host', async () => {
    const blockedUrl = serveProbe(c.server, 'news.example', 'tiktok', TIKTOK_PROBE);
    const controlUrl = serveProbe(c.server, 'news.example', 'control', CONTROL_PROBE);

    await navigate(c.page, controlUrl);
    expect(await readProbe(c.page)).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', wss: 'open', ws: 'open' });
    await expect.poll(() => c.page.frames().some((f) => f.url() === 'https://frame.control.example/framed')).toBe(true);
    for (const host of ['frame', 'script', 'image', 'fetch']) {
      expect(c.server.hitsFor(`${host}.control.example`).some((h) => h.kind === 'http')).toBe(true);
    }
    expect(c.server.hitsFor('ws.control.example').filter((h) => h.kind === 'websocket')).toHaveLength(2);

    c.server.reset();
    await navigate(c.page, blockedUrl);
    expect(await readProbe(c.page)).toEqual({ script: 'error', image: 'error', fetch: 'error', wss: 'error', ws: 'error' });
    // The frame shows the block page instead of TikTok.
    await expect
      .poll(() => c.page.frames().map((f) => f.url()))
      .toContain(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/framed`);
    await drained(c.server, c.page);
    for (const domain of ['tiktok.com', 'ttwstatic.com', 'tiktokcdn.com', 'tiktokv.com']) {
      expect(c.server.hitsFor(domain), domain).toEqual([]);
    }
    expect(c.server.hitsFor('news.example').length).toBeGreaterThan(0);
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
    expect(await navigate(c.page, url)).toBe(url);
    const host = new URL(url).hostname;
    expect(c.server.hitsFor(host).some((h) => h.kind === 'http' && h.host === host)).toBe(true);
  });
});

describe('no connection is opened to a blocked host, not even speculatively', () => {
  const preconnectPage = (name: string) =>
    serveHtml(
      c.server,
      'news.example',
      `/preconnect/${name}`,
      `<!doctype html><link rel="preconnect" href="https://www.tiktok.com"><link rel="preconnect" href="https://preconnect.control.example"><link rel="dns-prefetch" href="https://dns.tiktok.com"><h1>news</h1>`,
    );

  it('control: with network prediction on, Chromium preconnects to TikTok from a page and from a blocked navigation', async () => {
    await predictionByOther(c.browser, true);
    try {
      await navigate(c.page, preconnectPage('on'));
      await c.server.waitForHit((h) => h.kind === 'connect' && h.host === 'preconnect.control.example');
      await c.server.waitForHit((h) => h.kind === 'connect' && h.host === 'www.tiktok.com');
      c.server.reset();
      await navigate(c.page, 'https://www.tiktok.com/');
      await c.server.waitForHit((h) => h.kind === 'connect' && h.host === 'www.tiktok.com');
      // Even then no request got through: the rule holds; only the connection leaked.
      expect(c.server.hitsFor('tiktok.com').filter((h) => h.kind !== 'connect')).toEqual([]);
    } finally {
      await predictionByOther(c.browser, false);
    }
  });

  it('with Cordon in force, neither a <link rel=preconnect> nor a blocked navigation opens a connection', async () => {
    await navigate(c.page, preconnectPage('off'));
    await navigate(c.page, 'https://www.tiktok.com/');
    await drained(c.server, c.page);
    expect(c.server.hitsFor('tiktok.com')).toEqual([]);
    expect(c.server.hitsFor('news.example').length).toBeGreaterThan(0);
  });
});

describe("Google Translate's website proxy carries no blocked app", () => {
  it('a proxied TikTok page, its proxied subresources and sockets are refused; other proxied sites and lookalikes load', async () => {
    // Controls first: the proxy itself, for a site nothing blocks, and for a lookalike of TikTok.
    for (const url of ['https://www-wikipedia-org.translate.goog/wiki/Cat?_x_tr_sl=en&_x_tr_tl=id', 'https://not--tiktok-com.translate.goog/', 'https://tiktok-com-example-org.translate.goog/']) {
      expect(await navigate(c.page, url)).toBe(url);
      expect(c.server.hitsFor(new URL(url).hostname).some((h) => h.kind === 'http')).toBe(true);
    }
    // Navigations: the name itself and the names below it, as a link from the translate page would open them.
    for (const url of ['https://www-tiktok-com.translate.goog/@someone?_x_tr_sl=auto&_x_tr_tl=en', 'https://tiktok-com.translate.goog/', 'https://m-tiktok-com.translate.goog/']) {
      expect(await navigate(c.page, url)).toBe(`${BLOCK_PAGE}#app=tiktok&url=${url}`);
      await expect.poll(() => c.page.textContent('#app-name')).toBe('TikTok');
    }
    // Subresources as the proxy rewrites them, from a proxied page nothing blocks.
    const proxied = (host: string) => host.split('.').map((l) => l.replace(/-/g, '--')).join('-') + '.translate.goog';
    const probe = { ...TIKTOK_PROBE, frame: proxied(TIKTOK_PROBE.frame), script: proxied(TIKTOK_PROBE.script), image: proxied(TIKTOK_PROBE.image), fetch: proxied(TIKTOK_PROBE.fetch), websocket: proxied(TIKTOK_PROBE.websocket) };
    const control = { ...CONTROL_PROBE, frame: proxied(CONTROL_PROBE.frame), script: proxied(CONTROL_PROBE.script), image: proxied(CONTROL_PROBE.image), fetch: proxied(CONTROL_PROBE.fetch), websocket: proxied(CONTROL_PROBE.websocket) };
    await navigate(c.page, serveProbe(c.server, 'www-news-example.translate.goog', 'control', control));
    expect(await readProbe(c.page)).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', wss: 'open', ws: 'open' });
    c.server.reset();
    await navigate(c.page, serveProbe(c.server, 'www-news-example.translate.goog', 'tiktok', probe));
    expect(await readProbe(c.page)).toEqual({ script: 'error', image: 'error', fetch: 'error', wss: 'error', ws: 'error' });
    await expect.poll(() => c.page.frames().map((f) => f.url())).toContain(`${BLOCK_PAGE}#app=tiktok&url=https://${probe.frame}/framed`);
    for (const host of Object.values(probe)) expect(c.server.hitsFor(host), host).toEqual([]);
    expect(c.server.hitsFor('tiktok.com')).toEqual([]);
  });
});
