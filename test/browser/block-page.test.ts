/**
 * The block page in real Chromium. Navigations to TikTok are redirected by Cordon's real rules (the
 * built-in catalogue: no policy here) and never reach the counting server; what the page says comes
 * from the state the worker recorded, or from states written the way the worker writes them (a signed
 * list, hostile strings, a lifted ban). The warning flow end to end is test/browser/warn.test.ts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CordonState } from '../../src/core/state.ts';
import { EXTENSION_ORIGIN, launchChromium, navigate, type LaunchedBrowser } from '../support/chromium.ts';
import { useChromium } from '../support/fixture.ts';
import { readState } from '../support/extension.ts';
import { appOf, HOSTILE, listOf, lowContrast, overflowing, POLL, SCREENSHOTS, shot, until, writeState } from '../support/ui.ts';
import { drained, type TrafficServer } from '../support/traffic-server.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = (days: number) => iso(Date.now() + days * 86_400_000).slice(0, 10);

function signedState(overrides: Partial<CordonState> = {}): CordonState {
  return {
    schema: 1,
    source: { kind: 'signed', url: 'https://lists.acme-corp.example/cordon/list.json' },
    apps: [
      { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com', 'tiktokv.com'], mode: 'block', reason: 'TikTok is not allowed on Acme work devices (data-protection review DPR-2025-014).', since: '2025-03-01' },
      { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], mode: 'block', enforceFrom: day(20), reason: 'Customer data may only be discussed in approved tools.', since: day(-3) },
    ],
    withdrawn: [],
    list: {
      listId: 'acme-work-browsers',
      serial: 7,
      issuedAt: iso(Date.now() - 86_400_000),
      expiresAt: iso(Date.now() + 29 * 86_400_000),
      issuer: 'Acme Corp Information Security',
      contact: 'mailto:security@acme-corp.example',
      signers: ['332b2ccf8e094afd'],
      changes: [{ serial: 7, date: day(-1), summary: 'TikTok blocked.' }],
    },
    organization: 'Acme Corp',
    supportUrl: 'https://help.acme-corp.example/cordon',
    lastCheck: { at: iso(Date.now() - 600_000), outcome: 'unchanged' },
    installedByAdmin: true,
    ...overrides,
  };
}

// No policy: the built-in catalogue. The start-up cycle's record means enforcement is ready. The
// fixture launches, resets the server and opens a fresh page per test; these names are its objects.
const c = useChromium({ ready: 'cycle' });
let server: TrafficServer;
let browser: LaunchedBrowser;
let worker: Worker;
let page: Page;

/** Navigates to a blocked URL and waits until the block page has drawn the app. */
async function blocked(url: string, p: Page = page): Promise<void> {
  expect(await navigate(p, url)).toBe(`${BLOCK_PAGE}#app=tiktok&url=${url}`);
  await p.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
}

/** Tabs through the page, naming each focused element and whether it shows a focus ring. */
async function tabOrder(p: Page, steps: number): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < steps; i++) {
    await p.keyboard.press('Tab');
    order.push(
      await p.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return `${el.id || el.tagName}:${style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? 'ring' : 'no ring'}`;
      }),
    );
  }
  return order;
}

beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ server, browser, worker } = c);
});
beforeEach(() => {
  page = c.page;
});

describe('what the block page says', () => {
  it('built-in catalogue: the app, the host, the reason, who decided, where the rule came from; Back returns', async () => {
    const control = 'https://www.control.example/start';
    expect(await navigate(page, control)).toBe(control);
    expect(server.hitsFor('control.example').some((h) => h.kind === 'http')).toBe(true);
    await blocked('https://www.tiktok.com/@someone/video/1?lang=en');
    expect(await page.textContent('h1')).toBe('This site is blocked on your work browser');
    expect(await page.textContent('#summary')).toBe('TikTok is blocked by your organisation.');
    expect(await page.textContent('#host')).toBe('www.tiktok.com');
    expect(await page.textContent('#reason')).toMatch(/not approved for use on work devices/);
    expect(await page.textContent('#issuer')).toMatch(/built-in catalogue/);
    expect(await page.textContent('#source')).toBe('Cordon’s built-in catalogue (no organisation list is configured)');
    expect(await page.title()).toBe('TikTok is blocked');
    // No way around a block: no continue, no link to the refused URL.
    expect(await page.isVisible('#continue')).toBe(false);
    expect(await page.isVisible('#open')).toBe(false);
    expect(await page.$$eval('a[href]', (links) => links.length)).toBe(0);
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'block-builtin');
    await drained(server, page);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
    await page.click('#back');
    await page.waitForURL(control);
  });

  it('signed list: organisation, issuer, contact, since, and the list, version and key the rule came from', async () => {
    await writeState(worker, signedState());
    await blocked('https://www.tiktok.com/');
    expect(await page.textContent('#summary')).toBe('TikTok is blocked by Acme Corp.');
    expect(await page.textContent('#since')).toBe('Mar 1, 2025');
    expect(await page.textContent('#organization')).toBe('Acme Corp');
    expect(await page.textContent('#issuer')).toBe('Acme Corp Information Security');
    expect(await page.getAttribute('a#contact', 'href')).toBe('mailto:security@acme-corp.example');
    expect(await page.getAttribute('a#support', 'href')).toBe('https://help.acme-corp.example/cordon');
    expect(await page.textContent('#source')).toBe(
      'Signed list “acme-work-browsers”, version 7, from https://lists.acme-corp.example/cordon/list.json, signed by key 332b 2ccf 8e09 4afd',
    );
    expect(await page.isVisible('#continue')).toBe(false);
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'block-signed');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'block-signed-dark');
    await drained(server, page);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
  });

  it('a stale list is said: it stays in force until a newer one arrives', async () => {
    const base = signedState();
    await writeState(worker, signedState({ list: { ...listOf(base), expiresAt: iso(Date.now() - 3_600_000) } }));
    await blocked('https://www.tiktok.com/');
    expect(await page.textContent('#stale')).toMatch(/^This list expired on .+; it stays in force until a newer one arrives\.$/);
    await shot(page, 'block-stale');
  });

  it('re-draws when the recorded state changes while it is open', async () => {
    await writeState(worker, signedState());
    await blocked('https://www.tiktok.com/');
    await writeState(worker, signedState({ organization: 'Acme Group' }));
    await expect.poll(() => page.textContent('#summary'), POLL).toBe('TikTok is blocked by Acme Group.');
  });

  it('a lifted ban says so, and offers the site again', async () => {
    await writeState(worker, signedState({ withdrawn: [{ id: 'newsapp', name: 'NewsApp', at: iso(Date.now() - 86_400_000), names: ['newsapp.example'] }] }));
    // A forged fragment pairing the lifted app with some other site: not said to be lifted, not offered.
    await page.goto(`${BLOCK_PAGE}#app=newsapp&url=https://login.bank.example/`);
    await expect.poll(() => page.textContent('#app-name'), POLL).toBe('This app');
    expect(await page.isVisible('#open')).toBe(false);
    await page.goto(`${BLOCK_PAGE}#app=newsapp&url=https://newsapp.example/story`);
    await page.reload();
    await expect.poll(() => page.textContent('h1'), POLL).toBe('This site is no longer blocked');
    expect(await page.textContent('#summary')).toBe('NewsApp was blocked, but your organisation has lifted the ban.');
    await shot(page, 'block-lifted');
    await page.click('#open');
    await page.waitForURL('https://newsapp.example/story');
    expect(server.hitsFor('newsapp.example').some((h) => h.path === '/story')).toBe(true);
  });
});

describe('safe with hostile input', () => {
  it('strings from a list or policy are shown as text, and a javascript: contact is no link', async () => {
    const base = signedState();
    await writeState(
      worker,
      signedState({
        apps: [{ ...appOf(base, 0), name: HOSTILE, reason: '<script>window.__pwned=2</script>' }],
        organization: HOSTILE,
        supportUrl: 'javascript:window.__pwned=3',
        list: { ...listOf(base), issuer: HOSTILE, listId: 'acme', contact: 'javascript:window.__pwned=4' },
      }),
    );
    await blocked('https://www.tiktok.com/');
    expect(await page.textContent('#app-name')).toBe(HOSTILE);
    expect(await page.textContent('#reason')).toBe('<script>window.__pwned=2</script>');
    expect(await page.textContent('#contact')).toBe('javascript:window.__pwned=4 (not a web or e-mail link, so not clickable)');
    expect(await page.$$eval('img, script:not([src]), a[href]', (els) => els.length)).toBe(0);
    await page.click('#contact');
    await page.click('#support');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe(`${HOSTILE} is blocked`);
    await shot(page, 'block-hostile');
  });

  it('"Request access": the list\'s form filled with URL-encoded facts, or a prefilled mail; only a link, sending nothing', async () => {
    const installId = (await worker.evaluate(() => chrome.storage.local.get('installId'))).installId as string;
    expect(installId).toMatch(/^[0-9a-f-]{36}$/);
    const base = signedState();
    await writeState(worker, { ...base, groups: ['marketing', 'sec-ops'], list: { ...listOf(base), requestUrl: 'https://help.acme-corp.example/access?app={app}&host={host}&list={listId}&serial={serial}&id={installId}&groups={groups}' } });
    server.reset();
    await blocked('https://www.tiktok.com/@someone?lang=en');
    expect(await page.textContent('#request')).toBe('Request access');
    expect(await page.getAttribute('#request', 'href')).toBe(
      `https://help.acme-corp.example/access?app=tiktok&host=www.tiktok.com&list=acme-work-browsers&serial=7&id=${installId}&groups=marketing%2Csec-ops`,
    );
    await drained(server, page);
    expect(server.hits.filter((h) => h.host.includes('acme-corp'))).toEqual([]); // nothing sent by itself

    await writeState(worker, signedState());
    await blocked('https://www.tiktok.com/');
    const mail = (await page.getAttribute('#request', 'href')) ?? '';
    expect(mail.startsWith('mailto:security@acme-corp.example?subject=Access%20request%3A%20TikTok%20(www.tiktok.com)&body=')).toBe(true);
    expect(decodeURIComponent(mail.split('&body=')[1] ?? '')).toContain(`Browser install id: ${installId}`);
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'block-request-access');
  });

  it('a forged fragment names no app it does not know and offers no way through', async () => {
    await writeState(worker, signedState());
    await page.goto(`${BLOCK_PAGE}#app=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&url=javascript:window.__pwned=5`);
    await expect.poll(() => page.textContent('#app-name'), POLL).toBe('This app');
    expect(await page.textContent('#host')).toBe('unknown');
    expect(await page.isVisible('#continue')).toBe(false);
    // ChatApp is in its warning period, but a javascript: URL is never something to continue to, and
    // an app is named only beside a host it blocks.
    await page.goto(`${BLOCK_PAGE}#app=chatapp&url=javascript:window.__pwned=6`);
    await page.reload();
    await expect.poll(() => page.textContent('#app-name'), POLL).toBe('This app');
    expect(await page.isVisible('#continue')).toBe(false);
    await page.goto(`${BLOCK_PAGE}#app=tiktok&url=https://login.bank.example/`);
    await page.reload();
    await expect.poll(() => page.textContent('#app-name'), POLL).toBe('This app');
    expect(await page.textContent('#host')).toBe('login.bank.example');
    expect(await page.$$eval('img', (els) => els.length)).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

describe('not a fingerprint, not a frame', () => {
  it('a web page can neither fetch nor frame the block page by its URL; a blocked frame still shows it (control)', async () => {
    const direct = `${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/forged`;
    const html = `<!doctype html><iframe id="direct" src="${direct}"></iframe><iframe id="blocked" src="https://www.tiktok.com/embed"></iframe>
      <script>window.__fetched = fetch(${JSON.stringify(BLOCK_PAGE)}).then((r) => 'status ' + r.status, (e) => 'refused: ' + e.message);</script>`;
    server.route(({ host, path }) => (host === 'www.prober.example' && path === '/' ? { headers: { 'Content-Type': 'text/html' }, body: html } : undefined));
    expect(await navigate(page, 'https://www.prober.example/')).toBe('https://www.prober.example/');
    // use_dynamic_url: the fixed extension ID no longer answers a page's fetch.
    expect(await page.evaluate(() => (window as unknown as { __fetched: Promise<string> }).__fetched)).toMatch(/^refused: /);
    const frameOf = async (id: string) => {
      const frame = await (await page.waitForSelector(`#${id}`)).contentFrame();
      if (!frame) throw new Error(`no frame #${id}`);
      return frame;
    };
    // A frame pointed at the block page's URL gets nothing of it.
    const directFrame = await frameOf('direct');
    await expect.poll(() => directFrame.url(), POLL).not.toBe('about:blank');
    expect(directFrame.url().startsWith(BLOCK_PAGE)).toBe(false);
    // Control: a frame of a blocked site is replaced by the block page, by Cordon's own rule.
    const blockedFrame = await frameOf('blocked');
    await expect.poll(() => blockedFrame.url(), POLL).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/embed`);
    await blockedFrame.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    expect(await blockedFrame.textContent('#app-name')).toBe('TikTok');
    for (const button of ['#continue', '#open', '#back']) expect(await blockedFrame.isVisible(button), button).toBe(false);
    await drained(server, page);
    expect(server.hitsFor('tiktok.com')).toEqual([]);
  });
});

describe('accessibility', () => {
  it('keyboard: the contact links, then Back; each with a visible focus ring', async () => {
    await writeState(worker, signedState());
    await blocked('https://www.tiktok.com/');
    expect(await tabOrder(page, 3)).toEqual(['contact:ring', 'support:ring', 'back:ring']);
    expect(await page.getAttribute('main', 'aria-labelledby')).toBe('title');
    expect(await page.getAttribute('html', 'lang')).toMatch(/^en/);
  });

  it('at 200% zoom nothing is cut off, block and warning alike', async () => {
    await writeState(worker, signedState());
    // 200% zoom of a 1280×800 window: a 640×400 CSS-pixel viewport, drawn at 2 device pixels per pixel.
    await page.setViewportSize({ width: 640, height: 400 });
    // The override lasts as long as its CDP session: keep the session open.
    const cdp = await browser.context.newCDPSession(page);
    const zoom = () => cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 400, deviceScaleFactor: 2, mobile: false });
    await page.goto(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/@someone/video/7234567890123456789`);
    await page.waitForFunction(() => (document.getElementById('app-name')?.textContent ?? '') !== '');
    await zoom();
    expect(await page.evaluate(() => [innerWidth, devicePixelRatio])).toEqual([640, 2]);
    expect(await overflowing(page)).toEqual([]);
    expect(await page.isVisible('#back')).toBe(true);
    await shot(page, 'block-zoom200');
    await page.goto(`${BLOCK_PAGE}#app=chatapp&url=https://chatapp.example/inbox`);
    await page.reload();
    await expect.poll(() => page.isVisible('#continue'), POLL).toBe(true);
    await zoom();
    expect(await page.evaluate(() => innerWidth)).toBe(640);
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'block-warn-zoom200');
  });
});

describe('Indonesian, following the browser language', () => {
  it('the block page and the warning page in Indonesian, with Indonesian dates', async () => {
    // Linux Chromium takes its UI language from LANGUAGE (it ignores --lang), and needs Debian's
    // chromium-l10n for any language but en-US.
    expect(existsSync('/usr/lib/chromium/locales/id.pak'), 'install chromium-l10n (apt-get install chromium-l10n)').toBe(true);
    const previous = process.env.LANGUAGE;
    process.env.LANGUAGE = 'id';
    let id: LaunchedBrowser | undefined;
    try {
      id = await launchChromium({ proxyUrl: server.proxyUrl, extraArgs: ['--lang=id'] });
      const w = await id.worker();
      expect(await w.evaluate(() => chrome.i18n.getUILanguage())).toBe('id');
      await until(async () => (await readState(w))?.lastCheck?.outcome, 'builtin', 'the start-up cycle', 45_000);
      const p = await id.context.newPage();
      await blocked('https://www.tiktok.com/', p);
      expect(await p.textContent('h1')).toBe('Situs ini diblokir di browser kerja Anda');
      expect(await p.textContent('#summary')).toBe('TikTok diblokir oleh organisasi Anda.');
      expect(await p.textContent('#back')).toBe('Kembali');
      expect(await p.getAttribute('html', 'lang')).toBe('id');
      await shot(p, 'block-id');

      await writeState(w, signedState({ apps: [...signedState().apps.slice(0, 1), { ...appOf(signedState(), 1), enforceFrom: '2099-08-17' }] }));
      await p.goto(`${BLOCK_PAGE}#app=chatapp&url=https://chatapp.example/inbox`);
      await p.reload();
      await expect.poll(() => p.textContent('h1'), POLL).toBe('Situs ini akan segera diblokir di browser kerja Anda');
      expect(await p.textContent('#summary')).toMatch(/^ChatApp diblokir mulai 17 Agu 2099, /);
      expect(await p.textContent('#continue')).toBe('Lanjutkan untuk sementara');
      expect(await p.textContent('#warn-explain')).toMatch(/hanya di tab ini, selama 10 menit/);
      await shot(p, 'block-warn-id');
    } finally {
      if (previous === undefined) delete process.env.LANGUAGE;
      else process.env.LANGUAGE = previous;
      await id?.close();
    }
  });
});
