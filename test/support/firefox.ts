/**
 * Launches Firefox ESR with Cordon's Firefox build installed (temporary, unsigned) through
 * puppeteer-core over WebDriver BiDi, with every web request sent to the counting traffic server.
 *
 * Facts this relies on (measured with Firefox 153 ESR):
 * - managed storage without root: `$HOME/.mozilla/managed-storage/<gecko id>.json`, so each launch gets
 *   its own HOME;
 * - the `extensions.webextensions.uuids` pref fixes the moz-extension:// origin, so tests know it;
 * - BiDi refuses to navigate a tab to a moz-extension:// URL, but a page may navigate itself to a
 *   web-accessible one (the block page); from there, extension pages are reachable;
 * - a navigation redirected to the block page never "loads" for puppeteer (it times out), and
 *   `page.url()` goes stale: read `location.href` from the page instead.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import manifest from '../../manifest.json' with { type: 'json' };
import type { CordonState } from '../../src/core/state.ts';
import { pollUntil } from './poll.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
export const GECKO_ID = manifest.browser_specific_settings.gecko.id;
export const FIREFOX_UUID = '5b1f7c3e-0c1d-4c5e-9a59-3c0f6d2b7a11';
export const FIREFOX_ORIGIN = `moz-extension://${FIREFOX_UUID}`;
export const hasFirefox = existsSync(FIREFOX);

export interface LaunchedFirefox {
  readonly browser: Browser;
  /** A tab showing one of Cordon's pages, with the extension's `browser.*` API in reach. */
  extensionPage(path?: string): Promise<Page>;
  readState(): Promise<CordonState | undefined>;
  checkNow(): Promise<CordonState>;
  close(): Promise<void>;
}

export async function launchFirefox(options: { proxyPort: number; managed?: Record<string, unknown> }): Promise<LaunchedFirefox> {
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) throw new Error('dist-firefox/ is missing: run `npm run build` first');
  const home = mkdtempSync(join(tmpdir(), 'cordon-firefox-home-'));
  if (options.managed) {
    const dir = join(home, '.mozilla', 'managed-storage');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${GECKO_ID}.json`),
      JSON.stringify({ name: GECKO_ID, description: 'Cordon test policy', type: 'storage', data: options.managed }),
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.proxyPort,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'xpinstall.signatures.required': false,
      // Keep http:// test URLs as typed: no HTTPS-First upgrade of navigations.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
    },
  });
  await browser.installExtension(DIST_FIREFOX);

  let extensionTab: Page | undefined;
  const extensionPage = async (path = 'src/popup/index.html'): Promise<Page> => {
    const page = extensionTab ?? (await browser.newPage());
    extensionTab = page;
    // Any web page may open the block page (web-accessible); from there the extension's own pages.
    await page.goto('http://start.example/').catch(() => undefined);
    await page.evaluate((url) => void (location.href = url), `${FIREFOX_ORIGIN}/src/blocked/index.html`).catch(() => undefined);
    await waitForLocation(page, (href) => href.startsWith(FIREFOX_ORIGIN));
    await page.evaluate((url) => void (location.href = url), `${FIREFOX_ORIGIN}/${path}`).catch(() => undefined);
    await waitForLocation(page, (href) => href.startsWith(`${FIREFOX_ORIGIN}/${path}`));
    return page;
  };

  return {
    browser,
    extensionPage,
    async readState() {
      const page = extensionTab ?? (await extensionPage());
      return page.evaluate(async () => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        return (await api.storage.local.get('state')).state as CordonState | undefined;
      });
    },
    async checkNow() {
      const page = extensionTab ?? (await extensionPage());
      return page.evaluate(() => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        return api.runtime.sendMessage({ type: 'check-now' }) as Promise<CordonState>;
      });
    },
    async close() {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function waitForLocation(page: Page, test: (href: string) => boolean, timeout = 10_000): Promise<string> {
  return pollUntil(() => page.evaluate(() => location.href), test, 'the page to reach the expected location', { timeout });
}

/**
 * Navigates and returns where the tab really ended up (see the module comment). The page navigates
 * itself, as a link would, and the tab is polled until a new document has finished loading.
 */
export async function navigateFirefox(page: Page, url: string): Promise<string> {
  // A fresh tab's initial about:blank is replaced rather than navigated: load a real page first.
  if ((await page.evaluate(() => location.href).catch(() => 'about:blank')) === 'about:blank') {
    await page.goto('http://start.example/', { waitUntil: 'load' });
  }
  const marker = `cordon-nav-${Date.now()}-${Math.random()}`;
  await page.evaluate((m) => void ((window as unknown as Record<string, boolean>)[m] = true), marker).catch(() => undefined);
  await page.evaluate((u) => void (location.href = u), url).catch(() => undefined);
  const landed = await pollUntil(
    () => page.evaluate((m) => ({ fresh: !(m in window), ready: document.readyState === 'complete', href: location.href }), marker),
    // A cross-process navigation can pass through a transient about:blank: not the destination.
    (now) => now.fresh && now.ready && now.href !== 'about:blank',
    `a new document loaded after navigating to ${url}`,
  ).catch(() => undefined);
  return landed?.href ?? page.evaluate(() => location.href).catch(() => '');
}
