/**
 * Launches Debian's Chromium with Cordon loaded and every connection sent to the counting traffic
 * server, so tests can assert on what actually left the browser.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import manifest from '../../manifest.json' with { type: 'json' };
import { extensionIdFromKey } from '../../src/cli/extension-id.ts';
import { privatePolicyChromium, type PolicyFile } from './policy.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST = resolve(import.meta.dirname, '../../dist');
export const EXTENSION_ID = extensionIdFromKey(manifest.key);
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
/**
 * A second extension (test/fixtures/prediction-taker) that can take the network prediction setting
 * over from Cordon, as any extension installed after it can. Cordon puts the setting back whenever it
 * is its own to set, so a test that needs prediction on (the positive control of a speculative load)
 * turns it on through this one: launch with `alsoLoad: [PREDICTION_TAKER]`, then `predictionByOther`.
 */
export const PREDICTION_TAKER = resolve(import.meta.dirname, '../fixtures/prediction-taker');

export interface LaunchOptions {
  /**
   * The counting server's proxy URL: every host, http and https, goes through it. Without one, the
   * test routes hosts itself (`--host-resolver-rules` in extraArgs).
   */
  readonly proxyUrl?: string;
  /** Reuse a profile (restart tests); a fresh temporary one otherwise. */
  readonly profileDir?: string;
  /** Cordon's build to load: dist/ unless a test needs an altered copy of it. */
  readonly extension?: string;
  /** Load Cordon at launch (default) or not at all (to prepare a profile, or load it later by CDP). */
  readonly loadExtension?: boolean;
  readonly extraArgs?: readonly string[];
  /** Enterprise policy that only this browser sees (test/support/policy.ts). */
  readonly policy?: PolicyFile;
  /** Other unpacked extensions to load after Cordon (Chromium installs them in this order). */
  readonly alsoLoad?: readonly string[];
  /**
   * Runs the whole browser this far ahead of the real clock (libfaketime, e.g. `+3h`): a restart "after"
   * a time without waiting for it. Intervals and timers keep their real length.
   */
  readonly clockAhead?: string;
}

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  readonly profileDir: string;
  /** Cordon's service worker, when the extension was loaded at launch. */
  worker(): Promise<Worker>;
  /** Loads Cordon into the running browser (CDP), as if an admin pushed it now. */
  loadExtensionNow(): Promise<string>;
  /** A browser-level CDP session (Target.*, Extensions.*), which a persistent context does not offer. */
  browserSession(): Promise<CDPSession>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** Debian's libfaketime (package libfaketime, installed by scripts/ensure-browsers.sh). */
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

function fakeClock(ahead: string): Record<string, string> {
  if (!/^\+\d+[smhd]$/.test(ahead)) throw new Error(`clockAhead must look like +3h, not ${ahead}`);
  if (!existsSync(LIBFAKETIME)) throw new Error(`${LIBFAKETIME} is missing: run scripts/ensure-browsers.sh`);
  // Both clocks move by the same constant offset. Faking the wall clock alone (FAKETIME_DONT_FAKE_MONOTONIC)
  // slowed every Chromium timer about tenfold on this machine; a constant offset leaves intervals alone.
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: ahead };
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'cordon-profile-'));
}

export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first');
  const profileDir = options.profileDir ?? newProfileDir();
  const loadExtension = options.loadExtension ?? true;
  const extensions = [options.extension ?? DIST, ...(options.alsoLoad ?? [])].join(',');
  const privateDir = options.policy?.privateDir;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: privateDir ? privatePolicyChromium(CHROMIUM, privateDir) : CHROMIUM,
    headless: true,
    ...(options.clockAhead === undefined ? {} : { env: { ...process.env, ...fakeClock(options.clockAhead) } }),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      ...(options.proxyUrl === undefined ? [] : [`--proxy-server=${options.proxyUrl}`]),
      '--ignore-certificate-errors',
      '--disable-quic',
      '--enable-unsafe-extension-debugging',
      '--remote-debugging-port=0',
      ...(loadExtension ? [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`] : []),
      ...(options.extraArgs ?? []),
    ],
  });

  let debugClient: Browser | undefined;
  const browserSession = async (): Promise<CDPSession> => {
    // Attach a second client through the debugging port Chromium wrote into the profile.
    if (!debugClient) {
      const [port] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
      debugClient = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    }
    return debugClient.newBrowserCDPSession();
  };
  const findWorker = (): Worker | undefined =>
    context.serviceWorkers().find((w) => w.url().startsWith(`${EXTENSION_ORIGIN}/`));

  return {
    context,
    profileDir,
    async worker() {
      const found = findWorker();
      if (found) return found;
      return context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith(`${EXTENSION_ORIGIN}/`),
        timeout: 30_000,
      });
    },
    async loadExtensionNow() {
      const session = await browserSession();
      const { id } = (await session.send('Extensions.loadUnpacked' as never, { path: DIST } as never)) as { id: string };
      return id;
    },
    browserSession,
    async close({ keepProfile = false } = {}) {
      await debugClient?.close().catch(() => undefined);
      await context.close();
      if (!keepProfile && options.profileDir === undefined) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once Cordon's worker has switched network prediction off (no preconnects). */
export async function waitForEnforcementReady(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const setting = await chrome.privacy.network.networkPredictionEnabled.get({});
      if (setting.value === false && setting.levelOfControl === 'controlled_by_this_extension') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('network prediction was never turned off');
  });
}

/**
 * Turns network prediction on (or hands the setting back to Cordon) from the prediction-taker
 * extension's own worker, and waits until Cordon's worker sees the result.
 */
export async function predictionByOther(browser: LaunchedBrowser, on: boolean): Promise<void> {
  const isTaker = (w: Worker) => w.url().startsWith('chrome-extension://') && !w.url().startsWith(`${EXTENSION_ORIGIN}/`);
  const taker =
    browser.context.serviceWorkers().find(isTaker) ?? (await browser.context.waitForEvent('serviceworker', { predicate: isTaker, timeout: 15_000 }));
  await taker.evaluate((value) => (value ? chrome.privacy.network.networkPredictionEnabled.set({ value: true }) : chrome.privacy.network.networkPredictionEnabled.clear({})), on);
  const cordon = await browser.worker();
  await cordon.evaluate(async (value) => {
    for (let i = 0; i < 200; i++) {
      if ((await chrome.privacy.network.networkPredictionEnabled.get({})).value === value) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`network prediction never became ${String(value)}`);
  }, on);
}

/** Navigates and reports where the tab ended up, without throwing on a refused navigation. */
export async function navigate(page: Page, url: string): Promise<string> {
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 }).catch(() => undefined);
  await page.waitForLoadState('load').catch(() => undefined);
  return page.url();
}
