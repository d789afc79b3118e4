/**
 * The update cycle end to end: real Chromium enterprise policy (a file in /etc/chromium/policies),
 * a list server under the test's control that counts requests, Cordon's real service worker, and the
 * counting traffic server for every other host. Every failure case asserts the rules in force
 * afterwards and the reason recorded for the popup.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/dnr.ts';
import type { CordonState } from '../../src/core/state.ts';
import { EXTENSION_ID, EXTENSION_ORIGIN, launchChromium, navigate, newProfileDir, type LaunchedBrowser } from '../support/chromium.ts';
import { blockedByRules, checkNow, countRuleUpdates, dynamicRules, enabledRulesets, readState, waitForState as waitForStateIn } from '../support/extension.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { DAY, iso, listPayload, newSigner, type ListApp, type TestSigner } from '../support/signing.ts';
import { drained, startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
const LIST_ID = 'acme-work-browsers';

const chatApp: ListApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] };
const tiktok: ListApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com', 'tiktokv.com'] };

describe.skipIf(!canWritePolicy)(`the update cycle under real enterprise policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-update-cycle');
  const profileDir = newProfileDir();
  let server: TrafficServer;
  let lists: ListServer;
  let signer: TestSigner;
  let stranger: TestSigner;
  let browser: LaunchedBrowser;
  let worker: Worker;
  let page: Page | undefined;
  /** The list the browser should be enforcing: what every failure must leave in force. */
  let good: { serial: number; body: string; apps: readonly ListApp[] };

  const settings = (extra: Record<string, unknown> = {}) => ({
    listUrl: lists.url,
    trustedKeys: [signer.publicKey],
    listId: LIST_ID,
    organization: 'Acme Corp',
    supportUrl: 'https://help.acme.example/cordon',
    ...extra,
  });
  const writePolicy = (extra: Record<string, unknown> = {}) =>
    policy.write({ '3rdparty': { extensions: { [EXTENSION_ID]: settings(extra) } } });

  function publish(serial: number, apps: readonly ListApp[]): void {
    good = { serial, body: signer.sign(listPayload(LIST_ID, serial, apps)), apps };
    lists.serve({ kind: 'list', body: good.body });
  }

  const waitForState = (test: (s: CordonState) => boolean, what: string, timeout?: number) =>
    waitForStateIn(worker, test, what, timeout === undefined ? {} : { timeout });

  async function freshPage(): Promise<Page> {
    await page?.close().catch(() => undefined);
    page = await browser.context.newPage();
    return page;
  }

  async function expectBlocked(url: string, appId?: string): Promise<void> {
    const p = await freshPage();
    const host = new URL(url).hostname;
    expect(await navigate(p, url), url).toBe(`${BLOCK_PAGE}#app=${appId ?? (await appFor(host)) ?? '?'}&url=${url}`);
    await drained(server, p);
    expect(server.hitsFor(host), host).toEqual([]);
  }

  async function expectLoads(url: string): Promise<void> {
    const p = await freshPage();
    expect(await navigate(p, url)).toBe(url);
    expect(server.hitsFor(new URL(url).hostname).some((h) => h.kind === 'http')).toBe(true);
  }

  /** The app the list in force names for `host`: from what this test published, not from the worker. */
  async function appFor(host: string): Promise<string | undefined> {
    return good.apps.find((a) => [...a.domains, ...(a.hosts ?? [])].some((d) => host === d || host.endsWith(`.${d}`)))?.id;
  }

  async function launch(): Promise<void> {
    browser = await launchChromium({ proxyUrl: server.proxyUrl, profileDir, policy });
    worker = await browser.worker();
  }

  beforeAll(async () => {
    server = await startTrafficServer();
    lists = await startListServer();
    signer = await newSigner();
    stranger = await newSigner();
    publish(1, [tiktok, chatApp]);
    writePolicy();
    await launch();
    await waitForState((s) => s.list?.serial === 1, 'the first signed list');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lists?.close();
    await server?.close();
    policy.dispose();
  });

  afterEach(() => {
    // ChatApp is in every list this file publishes: nothing may ever reach it.
    expect(server.hitsFor('chatapp.example')).toEqual([]);
  });

  describe('happy paths', () => {
    it('policy arrives, the list is fetched and its apps are blocked, including one the catalogue does not know', async () => {
      const state = await readState(worker);
      expect(state).toMatchObject({
        source: { kind: 'signed', url: lists.url },
        list: { listId: LIST_ID, serial: 1, signers: [signer.keyId] },
        organization: 'Acme Corp',
        supportUrl: 'https://help.acme.example/cordon',
        installedByAdmin: false,
      });
      expect(state?.problem).toBeUndefined();
      expect(await blockedByRules(worker)).toEqual(['chatapp.example', 'tiktok.com', 'tiktokv.com']);
      // The signed list replaced the built-in default, static ruleset included.
      expect(await enabledRulesets(worker)).toEqual([]);
      await expectBlocked('https://chatapp.example/inbox');
      await expectBlocked('https://www.tiktok.com/');
      await expectLoads('https://chatapp-lookalike.example/');
    });

    it('a new serial that adds a domain blocks it after "check now"', async () => {
      await expectLoads('https://media.chatapp-cdn.example/'); // control: reachable before the list names it
      if (page) await drained(server, page); // that page's own late requests (favicon) are in before the count restarts
      await page?.close();
      publish(2, [tiktok, { ...chatApp, domains: ['chatapp.example', 'chatapp-cdn.example'] }]);
      server.reset();
      const state = await checkNow(browser.context);
      expect(state.list?.serial).toBe(2);
      expect(state.lastCheck?.outcome).toBe('updated');
      await expectBlocked('https://media.chatapp-cdn.example/');
    });

    it('an unchanged list costs a 304 and no rule update', async () => {
      const updates = await countRuleUpdates(worker);
      const before = await readState(worker);
      const requestsBefore = lists.requests.length;
      const state = await checkNow(browser.context);
      expect(lists.requests.slice(requestsBefore).map((r) => r.status)).toEqual([304]);
      expect(lists.requests.at(-1)?.headers['if-none-match']).toMatch(/^".+"$/);
      expect(state.lastCheck?.outcome).toBe('unchanged');
      expect(state.lastChange).toBe(before?.lastChange);
      expect(await updates()).toBe(0);
    });

    it('a retraction unblocks the app and says so', async () => {
      publish(3, [{ ...chatApp, domains: ['chatapp.example', 'chatapp-cdn.example'] }]);
      const state = await checkNow(browser.context);
      expect(state.list?.serial).toBe(3);
      expect(state.apps.map((a) => a.id)).toEqual(['chatapp']);
      expect(state.withdrawn.map((w) => w.id)).toEqual(['tiktok']);
      expect(await enabledRulesets(worker)).toEqual([]);
      server.reset();
      await expectLoads('https://www.tiktok.com/');
      await expectBlocked('https://chatapp.example/');
    });
  });

  describe('failures leave the last good list in force and say why', () => {
    let rulesBefore: Rule[];

    async function expectFailure(code: string, trigger: () => Promise<CordonState> = () => checkNow(browser.context)) {
      rulesBefore = await dynamicRules(worker);
      const state = await trigger();
      expect(state.problem?.code, JSON.stringify(state.problem)).toBe(code);
      expect(state.problem?.message.length).toBeGreaterThan(10);
      expect(state.lastCheck?.outcome).toBe('failed');
      expect(state.list?.serial).toBe(good.serial);
      expect(await dynamicRules(worker)).toEqual(rulesBefore);
      await expectBlocked('https://chatapp.example/');
      lists.serve({ kind: 'list', body: good.body });
    }

    const next = (apps: readonly ListApp[] = [chatApp, { id: 'newapp', name: 'NewApp', domains: ['newapp.example'] }], overrides = {}) =>
      signer.sign(listPayload(LIST_ID, good.serial + 1, apps, overrides));

    it('list server down', async () => {
      await lists.stop();
      try {
        await expectFailure('fetch-network');
      } finally {
        await lists.start();
      }
    });

    it.each([404, 500])('HTTP %i', async (status) => {
      lists.serve({ kind: 'status', status });
      await expectFailure('fetch-status');
    });

    it('a slow drip past the timeout', async () => {
      lists.serve({ kind: 'drip', body: next(), intervalMs: 1000 });
      await expectFailure('fetch-timeout');
    }, 60_000);

    it.each([true, false])('a body over the cap (Content-Length declared: %s)', async (declareLength) => {
      lists.serve({ kind: 'oversize', bytes: 2 * 1024 * 1024, declareLength });
      await expectFailure('fetch-too-large');
    });

    it('a truncated body', async () => {
      lists.serve({ kind: 'truncate', body: next() });
      await expectFailure('fetch-network');
    });

    it('a tampered envelope', async () => {
      const envelope = JSON.parse(next()) as { payload: string };
      const payload = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('NewApp', 'NewApq');
      lists.serve({ kind: 'list', body: JSON.stringify({ ...envelope, payload: Buffer.from(payload).toString('base64') }) });
      await expectFailure('no-valid-signature');
    });

    it('a list signed by a key that is not pinned, carrying the pinned key id', async () => {
      const forged = JSON.parse(stranger.sign(listPayload(LIST_ID, good.serial + 1, [chatApp]))) as {
        signatures: { keyid: string; sig: string }[];
      };
      forged.signatures = forged.signatures.map((s) => ({ ...s, keyid: signer.keyId }));
      lists.serve({ kind: 'list', body: JSON.stringify(forged) });
      await expectFailure('no-valid-signature');
    });

    it('an older serial (replay)', async () => {
      lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, good.serial - 1, [chatApp])) });
      await expectFailure('serial-rollback');
    });

    it('the same serial with different content', async () => {
      lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, good.serial, [chatApp, tiktok])) });
      await expectFailure('serial-conflict');
    });

    it('an expired list', async () => {
      const now = Date.now();
      lists.serve({ kind: 'list', body: next(undefined, { issuedAt: iso(now - 40 * DAY), expiresAt: iso(now - DAY) }) });
      await expectFailure('expired');
    });

    it('a future-dated list', async () => {
      const now = Date.now();
      lists.serve({ kind: 'list', body: next(undefined, { issuedAt: iso(now + DAY), expiresAt: iso(now + 20 * DAY) }) });
      await expectFailure('issued-in-future');
    });

    it('a list with another listId', async () => {
      lists.serve({ kind: 'list', body: signer.sign(listPayload('someone-else', good.serial + 1, [chatApp])) });
      await expectFailure('wrong-list-id');
    });

    it('a signed list with an invalid domain', async () => {
      lists.serve({ kind: 'list', body: next([chatApp, { id: 'bad', name: 'Bad', domains: ['*.bad.example'] }]) });
      await expectFailure('invalid-domain');
    });

    it('a policy with a broken key: a policy error, not a silent fallback', async () => {
      try {
        await expectFailure('policy-invalid', async () => {
          writePolicy({ trustedKeys: ['bm90IGEga2V5'] });
          return waitForState((s) => s.problem?.code === 'policy-invalid', 'the broken policy');
        });
      } finally {
        writePolicy();
        await waitForState((s) => s.problem === undefined, 'the restored policy');
      }
    });

    it('a policy key Chromium dropped for failing the schema: reported, not run on half a policy', async () => {
      try {
        await expectFailure('policy-invalid', async () => {
          writePolicy({ listUrl: 42 });
          return waitForState((s) => s.problem?.code === 'policy-invalid', 'the policy without listUrl');
        });
        expect((await readState(worker))?.problem?.message).toMatch(/listUrl is missing/);
      } finally {
        writePolicy();
        await waitForState((s) => s.problem === undefined, 'the restored policy');
      }
    });

    it("a key rotation that drops the list's only signer: fetched in full, not kept on a 304, distrusted; its blocks stay with the floor", async () => {
      const requestsBefore = lists.requests.length;
      const blockedBefore = await blockedByRules(worker);
      try {
        writePolicy({ trustedKeys: [stranger.publicKey] });
        const state = await waitForState((s) => s.distrusted !== undefined && s.problem?.code === 'no-valid-signature', 'the rotated policy');
        expect(state.distrusted).toMatchObject({ listId: LIST_ID, serial: good.serial, reason: 'no-valid-signature' });
        const after = lists.requests.slice(requestsBefore);
        expect(after.length).toBeGreaterThan(0);
        for (const request of after) {
          expect(request.status).toBe(200);
          expect(request.headers['if-none-match']).toBeUndefined();
        }
        // Nothing the distrusted list blocked is lifted, and the built-in floor (TikTok) is back.
        const blocked = await blockedByRules(worker);
        expect(blocked).toEqual(expect.arrayContaining([...blockedBefore, 'tiktok.com']));
        server.reset(); // TikTok loaded in an earlier test, after its retraction
        await expectBlocked('https://chatapp.example/');
        await expectBlocked('https://www.tiktok.com/', 'tiktok'); // the built-in floor
      } finally {
        writePolicy();
        await waitForState((s) => s.problem === undefined && s.distrusted === undefined, 'the restored policy');
      }
      // Trusted again under the restored keys: the list itself is in force again, floor gone.
      expect(await blockedByRules(worker)).toEqual(blockedBefore);
    });

    it('a key rotation that adds a key: the list is verified again under the new keys, no rule update', async () => {
      const updates = await countRuleUpdates(worker);
      const requestsBefore = lists.requests.length;
      try {
        writePolicy({ trustedKeys: [signer.publicKey, stranger.publicKey], threshold: 1 });
        await expect.poll(() => lists.requests.length, { timeout: 30_000 }).toBeGreaterThan(requestsBefore);
        const state = await waitForState((s) => s.lastCheck?.outcome === 'unchanged' && Date.parse(s.lastCheck.at) > Date.now() - 20_000, 'the re-verified list');
        expect(lists.requests[requestsBefore]?.status).toBe(200);
        expect(state.problem).toBeUndefined();
        expect(state.list?.serial).toBe(good.serial);
        expect(await updates()).toBe(0);
        // Accepted under the new keys, the list costs a 304 again.
        const before = lists.requests.length;
        await checkNow(browser.context);
        expect(lists.requests.slice(before).map((r) => r.status)).toEqual([304]);
      } finally {
        writePolicy();
        await waitForState((s) => s.problem === undefined, 'the restored policy');
      }
    });

    it('policy removed: the last verified list stays in force', async () => {
      try {
        await expectFailure('policy-missing', async () => {
          policy.remove();
          return waitForState((s) => s.problem?.code === 'policy-missing', 'the removed policy');
        });
        expect(await enabledRulesets(worker)).toEqual([]);
      } finally {
        writePolicy();
        await waitForState((s) => s.problem === undefined, 'the restored policy');
      }
    });
  });

  describe('interruptions', () => {
    it('the service worker stopped and restarted: rules hold meanwhile, state carries on', async () => {
      const rules = await dynamicRules(worker);
      await worker.evaluate(() => Object.assign(globalThis, { beforeStop: true }));
      const p = await freshPage();
      const cdp = await browser.context.newCDPSession(p);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expectBlocked('https://chatapp.example/while-stopped');
      const state = await checkNow(browser.context); // a message wakes a new worker instance
      // Playwright keeps the same handle; the marker shows it now talks to a fresh instance.
      expect(await worker.evaluate(() => 'beforeStop' in globalThis)).toBe(false);
      expect(state.problem).toBeUndefined();
      expect(state.list?.serial).toBe(good.serial);
      expect(await dynamicRules(worker)).toEqual(rules);
    });

    it('a worker started again runs the verifier only when a list must be verified, and then verifies as before', async () => {
      const verifierLoaded = () => worker.evaluate(() => (globalThis as unknown as { cordonDiagnostics: { verifierLoaded(): boolean } }).cordonDiagnostics.verifierLoaded());
      const cdp = await browser.context.newCDPSession(await freshPage());
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      // Woken by Check now; the list server answers 304, so nothing is verified and verifier.js stays unread.
      const before = lists.requests.length;
      expect((await checkNow(browser.context)).problem).toBeUndefined();
      expect(lists.requests.slice(before).map((r) => r.status)).toEqual([304]);
      expect(await verifierLoaded()).toBe(false);

      // A new serial must be verified: the verifier, imported while the worker installed, runs now.
      const woken: ListApp = { id: 'woken', name: 'Woken', domains: ['woken.example'] };
      publish(good.serial + 1, [...good.apps, woken]);
      const next = await checkNow(browser.context);
      expect(next.problem).toBeUndefined();
      expect(next.list?.serial).toBe(good.serial);
      expect(await verifierLoaded()).toBe(true);
      await expectBlocked('https://www.woken.example/');
      await expectLoads('https://woken-not.example/'); // control: the same probe reaches a host the list does not name
    });

    it('the browser closed mid-cycle: rules and state agree after restart, and the next cycle completes', async () => {
      const midList = signer.sign(listPayload(LIST_ID, good.serial + 1, [...good.apps, { id: 'mid', name: 'Mid', domains: ['midcycle.example'] }]));
      lists.serve({ kind: 'drip', body: midList, intervalMs: 200 });
      const requests = lists.requests.length;
      const popup = await browser.context.newPage();
      await popup.goto(`${EXTENSION_ORIGIN}/src/popup/index.html`);
      void popup.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' })).catch(() => undefined);
      await expect.poll(() => lists.requests.length).toBeGreaterThan(requests);
      await browser.close({ keepProfile: true });

      lists.serve({ kind: 'list', body: good.body });
      await launch();
      const state = await waitForState((s) => s.lastCheck !== undefined && s.list !== undefined, 'the state after restart');
      expect(state.list?.serial).toBe(good.serial);
      const stateHosts = state.apps.flatMap((a) => [...a.domains, ...(a.hosts ?? [])]).sort();
      expect(await blockedByRules(worker)).toEqual(stateHosts);
      await expectBlocked('https://chatapp.example/');

      publish(good.serial + 1, [...good.apps, { id: 'mid', name: 'Mid', domains: ['midcycle.example'] }]);
      expect((await checkNow(browser.context)).list?.serial).toBe(good.serial);
      await expectBlocked('https://www.midcycle.example/');
    }, 90_000);
  });
});
