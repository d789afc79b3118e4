/**
 * Every built-in catalogue entry in real Chromium, enabled the way an admin does it: the enterprise
 * policy's `builtinApps` naming every id. One browser for the whole file. Per entry: navigations to
 * its hosts land on the block page with nothing reaching the counting traffic server; a probe page
 * loads a script, an image, a fetch (and a WebSocket where the app has one) from the entry's hosts
 * beside the same requests to control hosts, which must arrive; lookalikes and siblings that no entry
 * claims load normally.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, findCatalogueApp } from '../../src/core/catalogue/index.ts';
import { CATALOGUE_ENTRIES } from '../../src/core/catalogue/provenance.ts';
import { pruneSubdomains } from '../../src/core/domain.ts';
import type { Rule } from '../../src/core/dnr.ts';
import { translateProxyHost } from '../../src/core/proxies.ts';
import { isProxyRule } from '../../src/core/rules.ts';
import { DIST, EXTENSION_ID, EXTENSION_ORIGIN, navigate, type LaunchedBrowser } from '../support/chromium.ts';
import { blockedByRules, dynamicRules, readState, waitForState } from '../support/extension.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { useChromium } from '../support/fixture.ts';
import { drained, type TrafficServer } from '../support/traffic-server.ts';

const BLOCK_PAGE = `${EXTENSION_ORIGIN}/src/blocked/index.html`;
const ALL_IDS = CATALOGUE.map((app) => app.id);

interface BrowserCase {
  /** Top-level navigations that must land on the block page. */
  readonly navigate: readonly string[];
  /** Subresources from the app's hosts, each loaded beside the same kind of request to a control host. */
  readonly script: string;
  readonly image: string;
  readonly fetch: string;
  readonly websocket?: string;
  /** Lookalikes and siblings that no catalogue entry claims: they must load. */
  readonly loads: readonly string[];
}

const CASES: Record<string, BrowserCase> = {
  tiktok: {
    navigate: ['https://www.tiktok.com/@someone', 'https://vm.tiktok.com/ZMabc/'],
    script: 'https://sf16-website-login.neutral.ttwstatic.com/obj/x.js',
    image: 'https://p16-sign-va.tiktokcdn.com/x.png',
    fetch: 'https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/feed/',
    websocket: 'wss://webcast16-ws-useast1a.tiktok.com/webcast/im/push/',
    loads: ['https://www.toutiao.com/', 'https://nottiktok.com/'],
  },
  deepseek: {
    navigate: ['https://chat.deepseek.com/', 'https://platform.deepseek.com/api_keys', 'https://www.deepseek.com/en'],
    script: 'https://cdn.deepseek.com/chat/static/main.js',
    image: 'https://cdn.deepseek.com/logo.png',
    fetch: 'https://api.deepseek.com/chat/completions',
    loads: ['https://deepseek.ai/', 'https://huggingface.co/deepseek-ai/DeepSeek-V3'],
  },
  wechat: {
    navigate: ['https://web.wechat.com/', 'https://wx.qq.com/', 'https://mp.weixin.qq.com/s/abcdef'],
    script: 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js',
    image: 'https://wx.gtimg.com/logo.png',
    fetch: 'https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck',
    loads: ['https://www.qq.com/', 'https://mat1.gtimg.com/www/logo.png', 'https://thirdwx.qlogo.cn/mmopen/x/132'],
  },
  telegram: {
    navigate: ['https://web.telegram.org/k/', 'https://t.me/durov', 'https://telegra.ph/Some-Page-01-01'],
    script: 'https://telegram.org/js/telegram-widget.js',
    image: 'https://cdn4.telesco.pe/file/avatar.png',
    fetch: 'https://core.telegram.org/api.json',
    websocket: 'wss://vesta.web.telegram.org/apiws',
    loads: ['https://nicegram.app/', 'https://telega.me/', 'https://telegraph.co.uk/'],
  },
  temu: {
    navigate: ['https://www.temu.com/', 'https://seller.temu.com/'],
    script: 'https://static.kwcdn.com/m-assets/main.js',
    image: 'https://img.kwcdn.com/product/open/goods.png',
    fetch: 'https://www.temu.com/api/poppy/v1/search',
    loads: ['https://www.pinduoduo.com/', 'https://p1.kwaicdn.com/x.png'],
  },
  shein: {
    navigate: ['https://www.shein.com/', 'https://us.shein.com/Dresses-c-1727.html', 'https://www.shein.co.uk/'],
    script: 'https://sheinsz.ltwebstatic.com/she_dist/main.js',
    image: 'https://us.shein.com/logo.png',
    fetch: 'https://api-service.shein.com/user/info',
    loads: ['https://www.romwe.com/', 'https://ltwebstatic.com/'],
  },
  capcut: {
    navigate: ['https://www.capcut.com/editor', 'https://dreamina.capcut.com/ai-tool/home', 'https://lf16-capcut.faceulv.com/obj/capcutpc-packages-us/installer/x.dmg'],
    script: 'https://sf16-web-tos-buz.capcutstatic.com/obj/capcut-web-buz-sg/main.js',
    image: 'https://p16-vimo-useast5.capcutcdn-us.com/tos/x.png',
    fetch: 'https://edit-api-sg.capcutapi.com/lv/v1/common_task/new',
    loads: ['https://www.jianying.com/', 'https://lf3-ulike.faceulv.com/x'],
  },
  lemon8: {
    navigate: ['https://www.lemon8-app.com/', 'https://v.lemon8-app.com/s/OgShbeQc'],
    script: 'https://www.lemon8-app.com/static/main.js',
    image: 'https://p16-va.lemon8cdn.com/tos-alisg-v-a3e477-sg/x.png',
    fetch: 'https://www.lemon8-app.com/api/feed',
    loads: ['https://lemon8.com/', 'https://notlemon8-app.com/'],
  },
  kaspersky: {
    navigate: ['https://www.kaspersky.com/', 'https://my.kaspersky.com/', 'https://www.kaspersky.ru/'],
    script: 'https://gc.kis.v2.scr.kaspersky-labs.com/FD126C42-EBFA-4E12-B309-BB3FDD723AC1/main.js',
    image: 'https://www.kaspersky.co.uk/logo.png',
    fetch: 'https://s00.upd.kaspersky.com/diffs/index.json',
    loads: ['https://securelist.com/', 'https://www.drweb.com/'],
  },
  vk: {
    navigate: ['https://vk.com/', 'https://id.vk.com/auth', 'https://vk.me/join/abc'],
    script: 'https://st.vk-cdn.net/dist/main.js',
    image: 'https://sun9-1.userapi.com/impg/x.png',
    fetch: 'https://api.vk.com/method/users.get',
    loads: ['https://mail.ru/', 'https://ok.ru/', 'https://vkpay.com/'],
  },
  rednote: {
    navigate: ['https://www.xiaohongshu.com/explore/64abcdef0000000000000000', 'https://www.rednote.com/', 'https://xhslink.com/a/abc'],
    script: 'https://fe-static.xhscdn.com/formula-static/main.js',
    image: 'https://sns-webpic-qc.xhscdn.com/x.png',
    fetch: 'https://edith.xiaohongshu.com/api/sns/web/v1/homefeed',
    loads: ['https://www.fengkongcloud.com/', 'https://notxiaohongshu.com/'],
  },
  douyin: {
    navigate: ['https://www.douyin.com/', 'https://www.iesdouyin.com/share/video/7300000000000000000/'],
    script: 'https://lf-douyin-pc-web.douyinstatic.com/obj/x.js',
    image: 'https://p3-pc.douyinpic.com/img/x.png',
    fetch: 'https://www.douyin.com/aweme/v1/web/tab/feed/',
    websocket: 'wss://webcast5-ws-web-hl.douyin.com/webcast/im/push/v2/',
    loads: ['https://www.qishui.com/', 'https://notdouyin.com/'],
  },
  doubao: {
    navigate: ['https://www.doubao.com/chat/', 'https://www.dola.com/'],
    script: 'https://lf-flow-web-cdn.doubao.com/obj/x.js',
    image: 'https://p3-flow-imagex-sign.doubaocdn.com/x.png',
    fetch: 'https://www.doubao.com/samantha/chat/completion',
    loads: ['https://www.coze.com/', 'https://notdoubao.com/'],
  },
  camscanner: {
    navigate: ['https://www.camscanner.com/', 'https://www.camscanner.com/share/show?sid=abc'],
    script: 'https://static.camscanner.com/x.js',
    image: 'https://static.camscanner.com/x.png',
    fetch: 'https://api.camscanner.com/sync',
    loads: ['https://www.camcard.com/', 'https://notcamscanner.com/'],
  },
  wps: {
    navigate: ['https://www.wps.com/', 'https://www.kdocs.cn/l/abc'],
    script: 'https://qn.cache.wpscdn.cn/x.js',
    image: 'https://img.wpscdn.com/x.png',
    fetch: 'https://drive.wps.cn/api/v3/files',
    loads: ['https://www.iciba.com/', 'https://notwps.com/'],
  },
  qq: {
    navigate: ['https://im.qq.com/index/', 'https://user.qzone.qq.com/10001'],
    script: 'https://qzonestyle.gtimg.cn/qzone/x.js',
    image: 'https://qzs.qq.com/qzone/x.png',
    fetch: 'https://qun.qq.com/cgi-bin/qun_mgr/get_group_list',
    loads: ['https://mail.qq.com/', 'https://notqq.com/'],
  },
  weibo: {
    navigate: ['https://weibo.com/', 'https://m.weibo.cn/status/1'],
    script: 'https://h5.weibo.cn/x.js',
    image: 'https://f.video.weibocdn.com/x.png',
    fetch: 'https://weibo.com/ajax/feed/hottimeline',
    loads: ['https://www.sina.com.cn/', 'https://notweibo.com/'],
  },
  alipay: {
    navigate: ['https://www.alipay.com/', 'https://auth.alipay.com/login/index.htm'],
    script: 'https://a.alipay.com/x.js',
    image: 'https://i.alipay.com/x.png',
    fetch: 'https://mapi.alipay.com/gateway.do',
    loads: ['https://gw.alipayobjects.com/zos/antfincdn/x.js', 'https://notalipay.com/'],
  },
  baidu: {
    navigate: ['https://www.baidu.com/s?wd=x', 'https://pan.baidu.com/s/1abc'],
    script: 'https://dss0.bdstatic.com/x.js',
    image: 'https://img.bdimg.com/x.png',
    fetch: 'https://www.baidu.com/sugrec?wd=x',
    loads: ['https://bj.bcebos.com/v1/x', 'https://notbaidu.com/'],
  },
  kimi: {
    navigate: ['https://www.kimi.com/', 'https://kimi.moonshot.cn/chat/abc'],
    script: 'https://www.kimi.com/static/x.js',
    image: 'https://statics.moonshot.cn/x.png',
    fetch: 'https://api.moonshot.cn/v1/chat/completions',
    loads: ['https://openrouter.ai/', 'https://notkimi.com/'],
  },
};

type Outcome = 'loaded' | 'error' | 'open';
interface ProbeOutcome {
  readonly script: Outcome;
  readonly image: Outcome;
  readonly fetch: Outcome;
  readonly websocket?: Outcome;
}

/** One page that makes each request once to the app and once to a control host, and reports both. */
function probeHtml(app: BrowserCase, control: BrowserCase): string {
  const json = (value: unknown) => JSON.stringify(value);
  return `<!doctype html><title>probe</title><script>
  const results = { app: {}, control: {} };
  const settle = (side, key, value) => { results[side][key] ??= value; };
  function run(side, t) {
    const script = document.createElement('script');
    script.src = t.script;
    script.onload = () => settle(side, 'script', 'loaded');
    script.onerror = () => settle(side, 'script', 'error');
    document.head.append(script);
    const image = new Image();
    image.onload = () => settle(side, 'image', 'loaded');
    image.onerror = () => settle(side, 'image', 'error');
    image.src = t.image;
    fetch(t.fetch).then(() => settle(side, 'fetch', 'loaded'), () => settle(side, 'fetch', 'error'));
    if (t.websocket) {
      try {
        const s = new WebSocket(t.websocket);
        s.onopen = () => { settle(side, 'websocket', 'open'); s.close(); };
        s.onerror = () => settle(side, 'websocket', 'error');
      } catch { settle(side, 'websocket', 'error'); }
    }
  }
  run('app', ${json(app)});
  run('control', ${json(control)});
  window.__probe = results;
</script>`;
}

async function readProbe(page: Page, withSocket: boolean): Promise<{ app: ProbeOutcome; control: ProbeOutcome }> {
  const keys = ['script', 'image', 'fetch', ...(withSocket ? ['websocket'] : [])];
  await page.waitForFunction(
    (wanted) => {
      const p = (window as unknown as { __probe?: { app: Record<string, string>; control: Record<string, string> } }).__probe;
      return p !== undefined && wanted.every((k) => k in p.app && k in p.control);
    },
    keys,
    { timeout: 15_000 },
  );
  return page.evaluate(() => (window as unknown as { __probe: { app: ProbeOutcome; control: ProbeOutcome } }).__probe);
}

describe.skipIf(!canWritePolicy)(`every catalogue entry under real enterprise policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-catalogue');
  const c = useChromium({
    policy,
    before: () => policy.write({ '3rdparty': { extensions: { [EXTENSION_ID]: { builtinApps: ALL_IDS } } } }),
    after: () => policy.dispose(),
  });
  let server: TrafficServer;
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    ({ server, browser, worker } = c);
    // The policy reaches the worker 3-5 s after it starts; until then only the default (TikTok) holds.
    const state = await waitForState(worker, (s) => ALL_IDS.every((id) => s.apps.some((app) => app.id === id)), 'every catalogue app enforced').catch(() => readState(worker));
    expect(state?.apps.map((app) => app.id).sort(), `state after 30 s: ${JSON.stringify(state?.lastCheck)}`).toEqual([...ALL_IDS].sort());
  }, 90_000);


  it('the policy puts every entry in force as dynamic rules, every domain and host of each', async () => {
    const names = pruneSubdomains(CATALOGUE.flatMap((app) => [...app.domains, ...app.hosts]));
    await expect.poll(() => blockedByRules(worker), { timeout: 10_000 }).toEqual(names);
    // On Google Translate's proxy, each name is blocked exactly or by one of the expressions.
    const rules = await dynamicRules(worker);
    const exact = new Set(rules.flatMap((r) => r.condition.requestDomains ?? []));
    const expressions = rules.filter(isProxyRule).map((r) => new RegExp(r.condition.regexFilter ?? '$^'));
    const uncovered = names.filter((n) => !exact.has(translateProxyHost(n)) && !expressions.some((re) => re.test(`https://www-${translateProxyHost(n)}/`)));
    expect(uncovered).toEqual([]);
    // Every website-proxy expression was accepted by Chromium (one refused would refuse the update).
    const regexes = (await dynamicRules(worker)).map((r) => r.condition.regexFilter).filter((r): r is string => r !== undefined && r !== '^.+$');
    expect(regexes.length).toBeGreaterThan(CATALOGUE.length);
    // The static ruleset's expressions too: Chromium skips a static rule it refuses, silently.
    const staticRules = JSON.parse(readFileSync(join(DIST, 'rules', 'builtin.json'), 'utf8')) as Rule[];
    const all = [...regexes, ...staticRules.filter(isProxyRule).map((r) => r.condition.regexFilter ?? '')];
    const refused = await worker.evaluate(
      async (list) => {
        const verdicts = await Promise.all(list.map((regex) => chrome.declarativeNetRequest.isRegexSupported({ regex, isCaseSensitive: true })));
        return list.filter((_regex, i) => !verdicts[i]?.isSupported);
      },
      all,
    );
    expect(refused).toEqual([]);
    const state = await readState(worker);
    expect(state?.source.kind).toBe('builtin');
    expect(state?.problem).toBeUndefined();
  });

  it('the built extension carries the entries but none of their provenance (sources, exclusions, reference snapshots)', () => {
    const bundle = readdirSync(join(DIST, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(DIST, 'assets', f), 'utf8'))
      .join('\n');
    // Control: the entries themselves are there (their vendors, written out in each entry).
    for (const app of CATALOGUE) expect(bundle, app.id).toContain(app.vendor);
    for (const entry of CATALOGUE_ENTRIES) {
      for (const source of entry.sources) expect(bundle.includes(source.url), `${entry.id}: ${source.url}`).toBe(false);
      for (const exclusion of entry.notBlocked) expect(bundle.includes(exclusion.why), `${entry.id}: ${exclusion.host}`).toBe(false);
    }
    expect(bundle).not.toContain('servicelist.go');
  });

  it('every entry has a browser case', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ALL_IDS].sort());
  });

  describe.each(Object.entries(CASES))('%s', (id, c) => {
    const app = findCatalogueApp(id);

    it('navigations land on the block page; requests of every kind are refused while control hosts load; lookalikes load; nothing reaches a blocked host', async () => {
      server.reset();
      const blockedHosts = new Set([
        ...c.navigate.map((u) => new URL(u).hostname),
        ...[c.script, c.image, c.fetch, ...(c.websocket === undefined ? [] : [c.websocket])].map((u) => new URL(u).hostname),
      ]);
      const pages: Page[] = [];
      const newPage = async () => {
        const page = await browser.context.newPage();
        pages.push(page);
        return page;
      };
      expect(app, id).toBeDefined();
      try {
        // Navigations, side by side.
        const landed = await Promise.all(
          c.navigate.map(async (url) => {
            const page = await newPage();
            return { url, at: await navigate(page, url) };
          }),
        );
        // The fragment names the entry that refused it: the redirect rule is this entry's.
        for (const { url, at } of landed) expect(at, url).toBe(`${BLOCK_PAGE}#app=${id}&url=${url}`);

        // Subresources, each beside a control request of the same kind.
        const controlHost = (kind: string) => `${kind}.control-${id}.example`;
        const control: BrowserCase = {
          navigate: [],
          loads: [],
          script: `https://${controlHost('script')}/probe.js`,
          image: `https://${controlHost('image')}/probe.png`,
          fetch: `https://${controlHost('fetch')}/probe.json`,
          ...(c.websocket === undefined ? {} : { websocket: `wss://${controlHost('ws')}/socket` }),
        };
        const probeHost = `news-${id}.example`;
        server.route(({ host, path }) =>
          host === probeHost && path === '/probe' ? { headers: { 'Content-Type': 'text/html' }, body: probeHtml(c, control) } : undefined,
        );
        const probePage = await newPage();
        await navigate(probePage, `http://${probeHost}/probe`);
        const outcome = await readProbe(probePage, c.websocket !== undefined);
        const withSocket = (value: Outcome) => (c.websocket === undefined ? {} : { websocket: value });
        expect(outcome.control).toEqual({ script: 'loaded', image: 'loaded', fetch: 'loaded', ...withSocket('open') });
        expect(outcome.app).toEqual({ script: 'error', image: 'error', fetch: 'error', ...withSocket('error') });
        for (const kind of ['script', 'image', 'fetch']) {
          expect(server.hitsFor(controlHost(kind)).some((h) => h.kind === 'http'), controlHost(kind)).toBe(true);
        }
        if (c.websocket !== undefined) expect(server.hitsFor(controlHost('ws')).some((h) => h.kind === 'websocket')).toBe(true);

        // Lookalikes and siblings no entry claims.
        const loads = await Promise.all(
          c.loads.map(async (url) => {
            const page = await newPage();
            return { url, at: await navigate(page, url) };
          }),
        );
        for (const { url, at } of loads) {
          expect(at, url).toBe(url);
          const host = new URL(url).hostname;
          expect(server.hitsFor(host).some((h) => h.kind === 'http' && h.host === host), host).toBe(true);
        }

        await drained(server, pages[0] ?? (await browser.context.newPage()));
        for (const host of blockedHosts) expect(server.hitsFor(host), host).toEqual([]);
      } finally {
        await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      }
    });
  });
});
