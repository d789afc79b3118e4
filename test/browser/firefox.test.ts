/**
 * Cordon's Firefox build in Firefox ESR (puppeteer-core over WebDriver BiDi), against the same counting
 * traffic server and list server as the Chromium tests. Managed settings arrive through Firefox's
 * managed-storage manifest, which needs no root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FIREFOX_ORIGIN, GECKO_ID, hasFirefox, launchFirefox, navigateFirefox, type LaunchedFirefox } from '../support/firefox.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { throughProtobuf } from '../support/otlp.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.ts';
import { canWritePolicy, POLICY_SKIP_REASON } from '../support/policy.ts';
import { pollUntil } from '../support/poll.ts';
import { CONTROL_PROBE, serveProbe, TIKTOK_PROBE, type ProbeResult } from '../support/pages.ts';
import { listPayload, newSigner, type TestSigner } from '../support/signing.ts';
import { drained, startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';
import { screenshotPath } from '../support/ui.ts';

const BLOCK_PAGE = `${FIREFOX_ORIGIN}/src/blocked/index.html`;

async function probe(page: Page): Promise<ProbeResult> {
  await page.waitForFunction(
    () => {
      const p = (window as unknown as { __probe?: Record<string, string> }).__probe;
      return p !== undefined && ['script', 'image', 'fetch', 'wss', 'ws'].every((k) => k in p);
    },
    { timeout: 15_000 },
  );
  return page.evaluate(() => ({ ...(window as unknown as { __probe: ProbeResult }).__probe }));
}

describe.skipIf(!hasFirefox)(hasFirefox ? 'Firefox ESR' : 'Firefox ESR (skipped: firefox-esr is not installed)', () => {
  let server: TrafficServer;

  beforeAll(async () => {
    server = await startTrafficServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('with no policy: the built-in TikTok entry', () => {
    let firefox: LaunchedFirefox;
    let page: Page;
    beforeAll(async () => {
      firefox = await launchFirefox({ proxyPort: server.port });
      page = await firefox.browser.newPage();
    }, 60_000);
    afterAll(async () => {
      await firefox?.close();
    });

    it('navigations land on the block page and nothing reaches TikTok; a control host loads', async () => {
      server.reset();
      for (const url of ['http://www.tiktok.com/', 'https://www.tiktok.com/@someone', 'http://api16-normal-useast5.tiktokv.us/feed']) {
        expect(await navigateFirefox(page, url)).toMatch(new RegExp(`^${BLOCK_PAGE}#app=tiktok`));
      }
      // The URL is the block page's as soon as the redirect commits; its text comes when its script has run.
      await expect.poll(() => page.evaluate(() => document.getElementById('app-name')?.textContent)).toBe('TikTok');
      expect(await navigateFirefox(page, 'http://nottiktok.com/')).toBe('http://nottiktok.com/');
      await drained(server, page);
      expect(server.hitsFor('tiktok.com')).toEqual([]);
      expect(server.hitsFor('tiktokv.us')).toEqual([]);
      expect(server.hitsFor('nottiktok.com').length).toBeGreaterThan(0);
    });

    it('frames, scripts, images, fetch and WebSockets to TikTok are refused; the same to a control host arrive', async () => {
      const control = serveProbe(server, 'news.example', 'ff-control', CONTROL_PROBE);
      const blocked = serveProbe(server, 'news.example', 'ff-tiktok', TIKTOK_PROBE);
      server.reset();
      await navigateFirefox(page, control);
      expect(await probe(page)).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', wss: 'open', ws: 'open' });
      expect(server.hitsFor('ws.control.example').filter((h) => h.kind === 'websocket')).toHaveLength(2);

      server.reset();
      await navigateFirefox(page, blocked);
      expect(await probe(page)).toEqual({ script: 'error', image: 'error', fetch: 'error', wss: 'error', ws: 'error' });
      await drained(server, page);
      for (const domain of ['tiktok.com', 'ttwstatic.com', 'tiktokcdn.com', 'tiktokv.com']) {
        expect(server.hitsFor(domain), domain).toEqual([]);
      }
    });

    it('lookalikes load', async () => {
      for (const url of ['http://tiktok.com.example.org/', 'http://xn--tiktk-mye.com/', 'http://search.example/?q=tiktok.com']) {
        expect(await navigateFirefox(page, url)).toBe(url);
      }
    });
  });

  describe('with a signed list from managed storage', () => {
    const LIST_ID = 'acme-work-browsers';
    let lists: ListServer;
    let signer: TestSigner;
    let firefox: LaunchedFirefox;
    let page: Page;
    let good: string;

    beforeAll(async () => {
      lists = await startListServer();
      signer = await newSigner();
      good = signer.sign(listPayload(LIST_ID, 1, [{ id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] }]));
      lists.serve({ kind: 'list', body: good });
      firefox = await launchFirefox({
        proxyPort: server.port,
        managed: { listUrl: lists.url, trustedKeys: [signer.publicKey], listId: LIST_ID, organization: 'Acme Corp' },
      });
      await pollUntil(() => firefox.readState(), (s) => s?.list?.serial === 1, 'the first signed list', { timeout: 30_000 });
      page = await firefox.browser.newPage();
    }, 60_000);
    afterAll(async () => {
      await firefox?.close();
      await lists?.close();
    });

    it('applies the list: its app is blocked, TikTok (not in the list) is not, and the popup shows it', async () => {
      const state = await firefox.readState();
      expect(state).toMatchObject({ source: { kind: 'signed', url: lists.url }, list: { serial: 1 }, organization: 'Acme Corp' });
      server.reset();
      expect(await navigateFirefox(page, 'http://chatapp.example/inbox')).toBe(`${BLOCK_PAGE}#app=chatapp&url=http://chatapp.example/inbox`);
      expect(await navigateFirefox(page, 'http://www.tiktok.com/')).toBe('http://www.tiktok.com/');
      await drained(server, page);
      expect(server.hitsFor('chatapp.example')).toEqual([]);

      const popup = await firefox.extensionPage('src/popup/index.html');
      await popup.waitForFunction(() => document.body.innerText.includes('ChatApp'), { timeout: 10_000 });
      await popup.screenshot({ path: screenshotPath('firefox-popup') });
    });

    it('rejects a tampered list and keeps the last good one in force', async () => {
      const envelope = JSON.parse(signer.sign(listPayload(LIST_ID, 2, [{ id: 'other', name: 'Other', domains: ['other.example'] }]))) as {
        payload: string;
      };
      const payload = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('other.example', 'chatapq.example');
      lists.serve({ kind: 'list', body: JSON.stringify({ ...envelope, payload: Buffer.from(payload).toString('base64') }) });
      const state = await firefox.checkNow();
      expect(state.problem?.code).toBe('no-valid-signature');
      expect(state.list?.serial).toBe(1);
      server.reset();
      expect(await navigateFirefox(page, 'http://chatapp.example/')).toMatch(new RegExp(`^${BLOCK_PAGE}#app=chatapp`));
      expect(await navigateFirefox(page, 'http://chatapq.example/')).toBe('http://chatapq.example/');
      await drained(server, page);
      expect(server.hitsFor('chatapp.example')).toEqual([]);
    });
  });
  describe('reporting to an OpenTelemetry collector (reportUrl in managed storage)', () => {
    const LIST_ID = 'acme-work-browsers';
    let lists: ListServer;
    let receiver: OtlpReceiver;
    let firefox: LaunchedFirefox;

    beforeAll(async () => {
      lists = await startListServer();
      receiver = await startOtlpReceiver();
      const signer = await newSigner();
      lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, 1, [{ id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] }])) });
      firefox = await launchFirefox({
        proxyPort: server.port,
        managed: { listUrl: lists.url, trustedKeys: [signer.publicKey], listId: LIST_ID, organization: 'Acme Corp', reportUrl: receiver.url, reportBlockedVisits: true },
      });
      await pollUntil(() => firefox.readState(), (s) => s?.list?.serial === 1, 'the first signed list', { timeout: 30_000 });
    }, 60_000);
    afterAll(async () => {
      await firefox?.close();
      await lists?.close();
      await receiver?.close();
    });

    it('the status record arrives as valid OTLP naming Firefox; a blocked visit is reported with its host only', async () => {
      const attr = (attrs: { key: string; value: Record<string, unknown> }[] | undefined, key: string) => {
        const v = attrs?.find((a) => a.key === key)?.value;
        return v?.stringValue ?? v?.intValue;
      };
      type Rec = { eventName?: string; attributes?: { key: string; value: Record<string, unknown> }[]; resource?: { attributes: { key: string; value: Record<string, unknown> }[] } };
      const status = (await pollUntil(() => (receiver.records() as Rec[]).find((r) => r.eventName === 'cordon.status'), (r) => r !== undefined, 'the status record', { timeout: 30_000 })) as Rec;
      expect(attr(status.resource?.attributes, 'user_agent.name')).toBe('Firefox');
      expect(attr(status.resource?.attributes, 'user_agent.version')).toMatch(/^\d+\.\d+/);
      expect(attr(status.attributes, 'cordon.list.serial')).toBe('1');
      for (const request of receiver.received) {
        const body = JSON.parse(request.body) as unknown;
        expect(throughProtobuf(body)).toEqual(body);
        expect(request.headers.cookie).toBeUndefined();
      }

      const page = await firefox.browser.newPage();
      expect(await navigateFirefox(page, 'http://chatapp.example/inbox/private?x=1')).toMatch(new RegExp(`^${BLOCK_PAGE}#app=chatapp`));
      const visit = (await pollUntil(() => (receiver.records() as Rec[]).find((r) => r.eventName === 'cordon.blocked_visit'), (r) => r !== undefined, 'the visit record', { timeout: 20_000 })) as Rec;
      expect(attr(visit.attributes, 'url.domain')).toBe('chatapp.example');
      expect(receiver.received.map((r) => r.body).join('\n')).not.toMatch(/private|x=1/);
    });
  });

  describe.skipIf(!canWritePolicy)(`with a signed list from Firefox's policies.json (${POLICY_SKIP_REASON.replace('Chromium', 'Firefox')})`, () => {
    const POLICIES = '/etc/firefox/policies/policies.json';
    let lists: ListServer;
    let firefox: LaunchedFirefox | undefined;

    afterAll(async () => {
      rmSync(POLICIES, { force: true });
      await firefox?.close();
      await lists?.close();
    });

    it('reads the 3rdparty settings the enterprise way and applies the list', async () => {
      lists = await startListServer();
      const signer = await newSigner();
      lists.serve({ kind: 'list', body: signer.sign(listPayload('fleet', 4, [{ id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] }])) });
      mkdirSync(dirname(POLICIES), { recursive: true });
      const settings = { listUrl: lists.url, trustedKeys: [signer.publicKey], listId: 'fleet', organization: 'Policies Corp' };
      writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } } }));
      const launched = await launchFirefox({ proxyPort: server.port });
      firefox = launched;
      const state = await pollUntil(() => launched.readState(), (s) => s?.list?.serial === 4, 'the list named by the 3rdparty policy', { timeout: 30_000 }).catch(() => launched.readState());
      expect(state).toMatchObject({ organization: 'Policies Corp', source: { kind: 'signed', url: lists.url }, list: { listId: 'fleet', serial: 4 } });
      const page = await launched.browser.newPage();
      server.reset();
      expect(await navigateFirefox(page, 'http://chatapp.example/')).toMatch(new RegExp(`^${BLOCK_PAGE}#app=chatapp`));
      expect(server.hitsFor('chatapp.example')).toEqual([]);
    }, 60_000);
  });
});
