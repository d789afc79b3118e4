/**
 * Chromium with Cordon loaded and no DevTools client attached to its pages. Playwright attaches to
 * every page it can see, and Chromium turns prerendering off for a page under DevTools
 * (PrerenderingDisabledByDevTools), so a test of Speculation Rules prerender drives the browser over
 * the raw DevTools protocol instead: pages are created by `Target.createTarget` and never attached;
 * only extension service workers are attached to (to run code in them), which leaves pages alone. A
 * page is attached to only when a caller asks (`evaluateInPage`), and only for that one call, or in a
 * tab opened for it (`openTab`), which keeps one session with only the Page domain on. A worker is
 * attached to only for one `evaluateInWorker` call. The worker start-up benchmark and the page-load
 * yardstick also use this browser, since a worker stops only once no DevTools session holds it, which
 * Playwright's auto-attach never allows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, DIST, EXTENSION_ORIGIN } from './chromium.ts';
import { pollUntil } from './poll.ts';

export interface BareChromium {
  /** The profile directory (`--user-data-dir`): every process of this browser carries it. */
  readonly profileDir: string;
  /** Opens `url` in a new tab that no DevTools client attaches to. */
  open(url: string): Promise<void>;
  /**
   * A new tab with one DevTools session on it and only the Page domain enabled, to navigate and wait
   * for the load event; nothing else in the browser is attached to.
   */
  openTab(): Promise<BareTab>;
  /** URLs of the service workers running now (from target discovery; nothing is attached to them). */
  serviceWorkers(): string[];
  /** Evaluates `expression` (awaiting a promise) in the first service worker whose URL `matches`. */
  evaluateInWorker(matches: (url: string) => boolean, expression: string): Promise<unknown>;
  /** Evaluates `expression` (awaiting a promise) in the first page whose URL `matches`, attaching to it. */
  evaluateInPage(matches: (url: string) => boolean, expression: string): Promise<unknown>;
  /** Stops the running service worker whose URL `matches` and waits until it is gone. */
  stopWorker(matches: (url: string) => boolean): Promise<void>;
  close(): Promise<void>;
}

export interface BareTab {
  /** Navigates to `url` and waits for its load event; the error text when the navigation failed. */
  load(url: string, timeoutMs?: number): Promise<string | undefined>;
  /** Evaluates `expression` (awaiting a promise) in the tab's page. */
  evaluate(expression: string): Promise<unknown>;
  /** Clears the tab's history (and so its back-forward cache). */
  resetHistory(): Promise<void>;
}

interface Message {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
}

export interface BareLaunchOptions {
  readonly extraArgs?: readonly string[];
  /** Cordon's build to load (default dist/). */
  readonly extension?: string;
  readonly alsoLoad?: readonly string[];
  /** The executable to start (default Debian's Chromium), e.g. a wrapper that gives it its own policy. */
  readonly executable?: string;
}

export async function launchBareChromium(options: BareLaunchOptions): Promise<BareChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'cordon-bare-'));
  const extensions = [options.extension ?? DIST, ...(options.alsoLoad ?? [])].join(',');
  const child: ChildProcess = spawn(
    options.executable ?? CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      '--disable-quic',
      '--remote-debugging-port=0',
      '--enable-unsafe-extension-debugging',
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      ...(options.extraArgs ?? []),
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  // Chromium creates the file before it has written both lines (port, then path): wait for the whole of it.
  const [port, path] = await pollUntil(
    () => (existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n') : []),
    (lines) => /^\d+$/.test(lines[0] ?? '') && /^\/devtools\/browser\/[0-9a-f-]{36}$/.test(lines[1] ?? ''),
    'Chromium to write DevToolsActivePort',
    { timeout: 30_000 },
  );
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: (m: Message) => void }>();
  const targets = new Map<string, { type: string; url: string }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    if (message.id !== undefined) pending.get(message.id)?.resolve(message);
    if (message.method === 'Target.targetCreated' || message.method === 'Target.targetInfoChanged') {
      const info = message.params?.targetInfo as { targetId: string; type: string; url: string };
      targets.set(info.targetId, { type: info.type, url: info.url });
    }
    if (message.method === 'Target.targetDestroyed') targets.delete(message.params?.targetId as string);
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {
        resolve: (m) => {
          pending.delete(id);
          if (m.error) reject(new Error(`${method}: ${m.error.message}`));
          else resolve(m.result ?? {});
        },
      });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  await send('Target.setDiscoverTargets', { discover: true });

  const targetOf = (type: string, matches: (url: string) => boolean) =>
    pollUntil(
      () => [...targets.entries()].find(([, t]) => t.type === type && matches(t.url))?.[0],
      (id) => id !== undefined,
      `a ${type} target`,
      { timeout: 30_000 },
    );
  const attach = async (targetId: string | undefined) => (await send('Target.attachToTarget', { targetId, flatten: true })).sessionId as string;
  const workerSession = async (matches: (url: string) => boolean): Promise<string> => attach(await targetOf('service_worker', matches));
  const valueOf = (result: Record<string, unknown>): unknown => {
    const exception = result.exceptionDetails as { exception?: { description?: string } } | undefined;
    if (exception) throw new Error(exception.exception?.description ?? 'evaluation failed');
    return (result.result as { value?: unknown } | undefined)?.value;
  };

  return {
    profileDir: profile,
    serviceWorkers: () => [...targets.values()].filter((t) => t.type === 'service_worker').map((t) => t.url),
    async open(url) {
      await send('Target.createTarget', { url });
    },
    async openTab() {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const session = await attach(targetId as string);
      await send('Page.enable', {}, session);
      const loaded = (timeoutMs: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            socket.off('message', onMessage);
            reject(new Error(`no load event within ${timeoutMs} ms`));
          }, timeoutMs);
          const onMessage = (data: WebSocket.RawData) => {
            const m = JSON.parse(String(data)) as Message;
            if (m.sessionId !== session || m.method !== 'Page.loadEventFired') return;
            clearTimeout(timer);
            socket.off('message', onMessage);
            resolve();
          };
          socket.on('message', onMessage);
        });
      return {
        async load(url, timeoutMs = 30_000) {
          // Listen before navigating: a fast load can fire its event before `Page.navigate` replies.
          const event = loaded(timeoutMs);
          const { errorText } = await send('Page.navigate', { url }, session).catch((error: unknown) => {
            event.catch(() => undefined);
            throw error;
          });
          await event;
          return typeof errorText === 'string' && errorText !== '' ? errorText : undefined;
        },
        async evaluate(expression) {
          return valueOf(await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, session));
        },
        async resetHistory() {
          await send('Page.resetNavigationHistory', {}, session);
        },
      };
    },
    async evaluateInWorker(matches, expression) {
      const session = await workerSession(matches);
      // The extension APIs live in the worker's own execution context, announced once Runtime is on.
      const contexts: number[] = [];
      const onContext = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as Message;
        if (m.sessionId === session && m.method === 'Runtime.executionContextCreated') contexts.push((m.params?.context as { id: number }).id);
      };
      socket.on('message', onContext);
      await send('Runtime.enable', {}, session);
      await send('Runtime.runIfWaitingForDebugger', {}, session).catch(() => undefined);
      for (let i = 0; i < 100 && contexts.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      socket.off('message', onContext);
      const context = contexts.at(-1);
      const evaluate = (text: string) => send('Runtime.evaluate', { expression: text, awaitPromise: true, returnByValue: true, ...(context === undefined ? {} : { contextId: context }) }, session);
      // Attached right after start-up, a worker can be caught before its extension APIs are bound
      // (measured: `chrome` undefined for the first second or so): wait for them.
      for (let i = 0; i < 200; i++) {
        if (((await evaluate("typeof chrome !== 'undefined' && typeof chrome.runtime?.id === 'string'")).result as { value?: unknown } | undefined)?.value === true) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const result = await evaluate(expression);
      await send('Target.detachFromTarget', { sessionId: session }).catch(() => undefined);
      return valueOf(result);
    },
    async evaluateInPage(matches, expression) {
      const session = await attach(await targetOf('page', matches));
      try {
        return valueOf(await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, session));
      } finally {
        await send('Target.detachFromTarget', { sessionId: session }).catch(() => undefined);
      }
    },
    async stopWorker(matches) {
      // Chromium stops a service worker whose target is closed once no DevTools session is attached to
      // it (evaluateInWorker detaches after each call).
      const id = await targetOf('service_worker', matches);
      await send('Target.closeTarget', { targetId: id });
      await pollUntil(() => targets.has(id ?? ''), (present) => !present, 'the service worker to stop', { timeout: 30_000 });
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      socket.close();
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Cordon's worker, and any other extension's, for evaluateInWorker. */
export const isCordon = (url: string) => url.startsWith(`${EXTENSION_ORIGIN}/`);
export const isOtherExtension = (url: string) => url.startsWith('chrome-extension://') && !isCordon(url);
