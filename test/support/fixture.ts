/**
 * The one real-Chromium fixture the browser tests share: a counting traffic server, Chromium with
 * Cordon loaded (optionally with its own enterprise policy, a profile, other extensions), Cordon's
 * worker, waits for the state the test needs, and a fresh page before each test; or, with
 * `loadExtension: false`, the same Chromium without Cordon (for what admins deploy without it). Call
 * `useChromium()` at the top of a file or a `describe`; it registers the hooks, and its getters hold the
 * live objects.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { EXTENSION_ORIGIN, launchChromium, waitForEnforcementReady, type LaunchedBrowser, type LaunchOptions } from './chromium.ts';
import { waitForState } from './extension.ts';
import { startTrafficServer, type TrafficServer } from './traffic-server.ts';

export const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
export const POPUP = `${EXTENSION_ORIGIN}/src/popup/index.html`;

/** Where a navigation to `url` refused for `appId` lands. */
export const blockPageFor = (appId: string, url: string) => `${BLOCK_PAGE}#app=${appId}&url=${url}`;

export interface ChromiumFixture {
  readonly server: TrafficServer;
  readonly browser: LaunchedBrowser;
  /** Cordon's worker (a browser launched with `loadExtension: false` has none). */
  readonly worker: Worker;
  /** A fresh page for each test (the previous one is closed, the server's count reset). */
  readonly page: Page;
}

export interface FixtureOptions extends Omit<LaunchOptions, 'proxyUrl'> {
  /**
   * What to wait for before the tests: 'enforcement' (network prediction off, the default), 'cycle'
   * (the start-up cycle recorded, for tests that read or write the state), or 'worker' only. Without
   * Cordon (`loadExtension: false`) there is nothing to wait for.
   */
  readonly ready?: 'worker' | 'enforcement' | 'cycle';
  /** Set up routes on the server before the browser starts. */
  readonly serve?: (server: TrafficServer) => void;
  /** Anything else the browser needs before it starts: a list server, a policy written, a list published. */
  readonly before?: (server: TrafficServer) => void | Promise<void>;
  /** Undo `before`, after the browser and the server are closed (also when a test failed). */
  readonly after?: () => void | Promise<void>;
}

export function useChromium(options: FixtureOptions = {}): ChromiumFixture {
  let server: TrafficServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let worker: Worker | undefined;
  let page: Page | undefined;
  const { ready = 'enforcement', serve, before, after, ...launch } = options;

  beforeAll(async () => {
    server = await startTrafficServer();
    serve?.(server);
    await before?.(server);
    browser = await launchChromium({ ...launch, proxyUrl: server.proxyUrl });
    if (launch.loadExtension === false) return;
    worker = await browser.worker();
    if (ready !== 'worker') await waitForEnforcementReady(worker);
    if (ready === 'cycle') await waitForState(worker, (s) => s.lastCheck !== undefined, 'the start-up cycle', { timeout: 45_000 });
  }, 90_000);

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.close();
    } finally {
      await after?.();
    }
  });

  beforeEach(async () => {
    await page?.close().catch(() => undefined);
    page = await (browser as LaunchedBrowser).context.newPage();
    server?.reset();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the Chromium fixture has no ${what} yet (used outside a test?)`);
    return value;
  };
  return {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    get worker() {
      return need(worker, launch.loadExtension === false ? "worker (it runs Chromium without Cordon)" : 'worker');
    },
    get page() {
      return need(page, 'page');
    },
  };
}
