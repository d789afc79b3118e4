/**
 * Another extension takes over the browser's network prediction setting (any extension installed after
 * Cordon can: the most recently installed one controls a setting) and turns it back on. Cordon cannot
 * take it back; it notices, says so in the popup and on the badge, and its rules still stop every
 * request to a blocked host. Real Chromium, Cordon's real worker, a real second extension
 * (test/fixtures/prediction-taker, loaded after Cordon) and the counting traffic server.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BLOCK_PAGE, POPUP, useChromium } from '../support/fixture.ts';
import { navigate, PREDICTION_TAKER, predictionByOther } from '../support/chromium.ts';
import { waitForState } from '../support/extension.ts';
import { serveHtml } from '../support/pages.ts';

const TAKEN_OVER = "Another extension has turned the browser's page preloading back on";

const c = useChromium({ alsoLoad: [PREDICTION_TAKER], ready: 'cycle' });

async function popupText(): Promise<string> {
  const popup: Page = await c.browser.context.newPage();
  try {
    await popup.goto(POPUP);
    await popup.waitForFunction(() => performance.getEntriesByName('cordon-rendered').length > 0);
    return (await popup.textContent('body')) ?? '';
  } finally {
    await popup.close();
  }
}

const predictionSetting = () => c.worker.evaluate(async () => {
  const s = await chrome.privacy.network.networkPredictionEnabled.get({});
  return [s.value, s.levelOfControl];
});

describe('browsing does not wake Cordon', () => {
  it('no tab listener at all; a navigation listener filtered to the catalogue hosts, which browsing other sites never reaches', async () => {
    const listeners = await c.worker.evaluate(() => ({
      tabsUpdated: chrome.tabs.onUpdated.hasListeners(),
      tabsRemoved: chrome.tabs.onRemoved.hasListeners(),
      tabsActivated: chrome.tabs.onActivated.hasListeners(),
      tabsCreated: chrome.tabs.onCreated.hasListeners(),
      navigationCommitted: chrome.webNavigation.onCommitted.hasListeners(),
    }));
    expect(listeners).toEqual({ tabsUpdated: false, tabsRemoved: false, tabsActivated: false, tabsCreated: false, navigationCommitted: true });
    const count = () => c.worker.evaluate(() => (globalThis as unknown as { cordonDiagnostics: { navigationEvents(): number } }).cordonDiagnostics.navigationEvents());
    const before = await count();
    const page = await c.browser.context.newPage();
    for (let i = 0; i < 20; i++) {
      const url = `https://site-${i}.control.example/page?i=${i}`;
      expect(await navigate(page, url)).toBe(url);
    }
    // Lookalikes of catalogue hosts are other sites too.
    expect(await navigate(page, 'https://nottiktok.com/')).toBe('https://nottiktok.com/');
    expect(await count()).toBe(before);
    // Control: a page that commits on a catalogue host (DeepSeek: in the catalogue, not blocked by the
    // default) does reach the listener, which finds nothing to do there.
    expect(await navigate(page, 'https://chat.deepseek.com/')).toBe('https://chat.deepseek.com/');
    await expect.poll(count).toBeGreaterThan(before);
    await page.close();
  });
});

describe('another extension turns network prediction back on', () => {
  it('Cordon notices and says so; every request to a blocked host is still refused', async () => {
    // Control: before, Cordon holds the setting and the popup raises nothing about it.
    expect(await predictionSetting()).toEqual([false, 'controlled_by_this_extension']);
    expect(await popupText()).not.toContain(TAKEN_OVER);

    await predictionByOther(c.browser, true);
    await expect.poll(predictionSetting, { timeout: 15_000 }).toEqual([true, 'controlled_by_other_extensions']);
    const state = await waitForState(c.worker, (s) => s.prediction?.status === 'taken-over', 'the take-over recorded');
    expect(state.problem).toBeUndefined();
    expect(await popupText()).toContain(TAKEN_OVER);
    expect(await c.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');

    // Prediction really is on again: a page's preconnect and prefetch reach an unblocked host...
    const page = await c.browser.context.newPage();
    c.server.reset();
    const url = serveHtml(
      c.server,
      'news.example',
      '/speculative',
      `<!doctype html>
      <link rel="preconnect" href="https://preconnect.control.example"><link rel="prefetch" href="https://prefetch.control.example/p">
      <link rel="preconnect" href="https://www.tiktok.com"><link rel="prefetch" href="https://www.tiktok.com/prefetched">
      <h1>news</h1>`,
    );
    expect(await navigate(page, url)).toBe(url);
    await c.server.waitForHit((h) => h.kind === 'connect' && h.host === 'preconnect.control.example', 10_000);
    await c.server.waitForHit((h) => h.kind === 'http' && h.host === 'prefetch.control.example' && h.path === '/p', 10_000);
    // ...while the rules still refuse every request to TikTok (a connection may open: the popup says so).
    expect(await navigate(page, 'https://www.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/`);
    expect(await navigate(page, 'https://www.control.example/')).toBe('https://www.control.example/');
    expect(c.server.hitsFor('control.example').some((h) => h.kind === 'http' && h.path === '/')).toBe(true);
    expect(c.server.hitsFor('tiktok.com').filter((h) => h.kind !== 'connect')).toEqual([]);
    await page.close();
  });
});
