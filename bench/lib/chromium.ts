/**
 * Launching Chromium for the benchmarks: the test harness's flags (test/support/chromium.ts), plus two
 * things the benchmarks need and the tests do not.
 *
 * 1. A private copy of dist/ (taken once per run), so that a colleague's `vite build` in the same tree
 *    cannot swap the extension under a running measurement.
 * 2. Real enterprise policy that only this browser sees. Chromium reads policy from the fixed path
 *    /etc/chromium/policies/managed, shared by every Chromium on the machine: a policy written there for
 *    a benchmark would reach other people's test browsers (and theirs ours). As root, each benchmark
 *    browser runs in its own mount namespace (`unshare --mount`) in which a private directory is bind-
 *    mounted over that path: same file format, same loader, same timing, invisible to anyone else. When
 *    namespaces are unavailable but we are root, it falls back to a uniquely named file in the shared
 *    directory (removed on close) and the report says so; without root, policy measurements are skipped.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { launchBareChromium, type BareChromium } from '../../test/support/bare-chromium.ts';
import { CHROMIUM, EXTENSION_ORIGIN } from '../../test/support/chromium.ts';
import { POLICY_DIR, policyIsolation, privatePolicyChromium, type PolicyIsolation } from '../../test/support/policy.ts';

export type PolicyMode = PolicyIsolation;

/** How this machine can give a benchmark browser its own enterprise policy (test/support/policy.ts). */
export const policyMode = policyIsolation;

/** Copies dist/ to `target` and checks that the copy is a complete build. */
export function snapshotDist(source: string, target: string): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    rmSync(target, { recursive: true, force: true });
    try {
      cpSync(source, target, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
      const loader = manifest.background?.service_worker;
      if (loader && existsSync(join(target, loader))) {
        const imports = [...readFileSync(join(target, loader), 'utf8').matchAll(/["']\.\/([^"']+)["']/g)].map((m) => m[1] ?? '');
        if (imports.every((file) => existsSync(join(target, file)))) return;
      }
    } catch {
      /* a concurrent build was mid-way: try again */
    }
    execFileSync('sleep', ['2']);
  }
  throw new Error(`could not take a complete copy of ${source}: run \`npx vite build\` first`);
}

export interface BenchLaunchOptions {
  readonly proxyUrl: string;
  /** The extension to load (a dist/ copy); none when absent. */
  readonly extension?: string;
  /** Enterprise policy for this browser only (see the module comment). */
  readonly policy?: Record<string, unknown>;
  readonly profileDir?: string;
  readonly extraArgs?: readonly string[];
}

export interface BenchBrowser {
  readonly context: BrowserContext;
  readonly profileDir: string;
  /** performance.now() just before the launch call, and when it returned. */
  readonly launchStartedAt: number;
  readonly launchedAt: number;
  worker(timeoutMs?: number): Promise<Worker>;
  close(): Promise<void>;
}

let policyFiles = 0;

/**
 * How to start a Chromium that reads `policy` (if any) and no other browser does (see the module comment): the
 * executable to start, and the shared policy file to remove after the browser closes, if one was needed.
 */
export function withPolicy(policy: Record<string, unknown> | undefined, scratch: string): { executablePath: string; sharedPolicyFile?: string } {
  if (policy === undefined) return { executablePath: CHROMIUM };
  const mode = policyMode();
  if (mode === 'unavailable') throw new Error(`enterprise policy needs root (to write ${POLICY_DIR})`);
  if (mode === 'private-namespace') {
    const policyDir = join(scratch, 'policy');
    mkdirSync(policyDir);
    writeFileSync(join(policyDir, 'cordon-bench.json'), JSON.stringify(policy, null, 2));
    return { executablePath: privatePolicyChromium(CHROMIUM, policyDir) };
  }
  const sharedPolicyFile = join(POLICY_DIR, `cordon-bench-${process.pid}-${++policyFiles}.json`);
  writeFileSync(sharedPolicyFile, JSON.stringify(policy, null, 2));
  return { executablePath: CHROMIUM, sharedPolicyFile };
}

export async function launchBench(options: BenchLaunchOptions): Promise<BenchBrowser> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'cordon-bench-profile-'));
  const scratch = mkdtempSync(join(tmpdir(), 'cordon-bench-launch-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const { executablePath, sharedPolicyFile } = withPolicy(options.policy, scratch);

  const extension = options.extension;
  const launchStartedAt = performance.now();
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      env,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        '--no-sandbox',
        `--proxy-server=${options.proxyUrl}`,
        '--ignore-certificate-errors',
        '--disable-quic',
        ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (error) {
    if (sharedPolicyFile) rmSync(sharedPolicyFile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  const launchedAt = performance.now();
  const findWorker = (): Worker | undefined => context.serviceWorkers().find((w) => w.url().startsWith(`${EXTENSION_ORIGIN}/`));

  return {
    context,
    profileDir,
    launchStartedAt,
    launchedAt,
    async worker(timeoutMs = 30_000) {
      const wait = (timeout: number) =>
        context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`${EXTENSION_ORIGIN}/`), timeout });
      const found = findWorker();
      if (found) return found;
      try {
        return await wait(timeoutMs / 2);
      } catch {
        // Rarely (a loaded machine) the worker is not reported: an extension page wakes it again.
        const page = await context.newPage();
        await page.goto(`${EXTENSION_ORIGIN}/src/popup/index.html`).catch(() => undefined);
        const woken = findWorker() ?? (await wait(timeoutMs / 2));
        await page.close().catch(() => undefined);
        return woken;
      }
    },
    async close() {
      try {
        await context.close().catch(() => undefined);
      } finally {
        if (sharedPolicyFile) rmSync(sharedPolicyFile, { force: true });
        rmSync(scratch, { recursive: true, force: true });
        if (options.profileDir === undefined) rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}

/** Policy for Cordon (3rdparty namespace), plus any browser-level policies. */
export function cordonPolicy(extensionId: string, settings: Record<string, unknown>, browserPolicies: Record<string, unknown> = {}) {
  return { ...browserPolicies, '3rdparty': { extensions: { [extensionId]: settings } } };
}

/**
 * The same browser as `launchBench` (proxy, extension, its own policy) driven over the raw DevTools
 * protocol with nothing attached to the extension's worker (test/support/bare-chromium.ts), so that
 * the worker stops when idle as it does for an employee. Playwright attaches to every worker and keeps
 * it running for the browser's whole life.
 */
export async function launchBareBench(options: BenchLaunchOptions & { readonly extension: string }): Promise<BareChromium> {
  const scratch = mkdtempSync(join(tmpdir(), 'cordon-bench-launch-'));
  const { executablePath, sharedPolicyFile } = withPolicy(options.policy, scratch);
  const cleanUp = () => {
    if (sharedPolicyFile) rmSync(sharedPolicyFile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  };
  let browser: BareChromium;
  try {
    browser = await launchBareChromium({
      extension: options.extension,
      executable: executablePath,
      // As Playwright launches the other passes' browsers: http stays http (the pages are plain http
      // through the proxy) and no page is kept in the back-forward cache.
      extraArgs: [`--proxy-server=${options.proxyUrl}`, '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable', '--disable-back-forward-cache', ...(options.extraArgs ?? [])],
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    ...browser,
    async close() {
      try {
        await browser.close();
      } finally {
        cleanUp();
      }
    },
  };
}
