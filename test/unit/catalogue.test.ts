/**
 * The built-in catalogue as data: every entry's domains are what the browser matches, no two entries
 * claim the same name, every value is traced to a dated source, each entry compiles to its rule budget,
 * and per entry a table of URLs that must be blocked and lookalikes or siblings that must not be.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPayload } from '../../src/cli/list-input.ts';
import { CATALOGUE, DEFAULT_BUILTIN_APP_IDS, type CatalogueApp, type CatalogueEntry } from '../../src/core/catalogue/index.ts';
import { CATALOGUE_ENTRIES, CATALOGUE_PROVENANCE, findCatalogueEntry } from '../../src/core/catalogue/provenance.ts';
import { checkCanonicalDomain, isSameOrSubdomain } from '../../src/core/domain.ts';
import { matchBlockedApp } from '../../src/core/match.ts';
import { parsePolicy } from '../../src/core/policy.ts';
import { compileRules, isProxyRule, RULES_PER_APP_MAX } from '../../src/core/rules.ts';

const REQUIRED_IDS = ['tiktok', 'deepseek', 'wechat', 'telegram', 'temu', 'shein', 'capcut', 'lemon8', 'kaspersky', 'vk', 'rednote', 'douyin', 'doubao', 'camscanner', 'wps', 'qq', 'weibo', 'alipay', 'baidu', 'kimi'];
const blockPageUrl = 'chrome-extension://cpekbjffbmhffkgecoaenakmlnmnchcl/src/blocked/index.html';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DOCS = resolve(import.meta.dirname, '..', '..', 'docs');

const valuesOf = (app: CatalogueApp) => [...app.domains, ...app.hosts];
const entry = (id: string): CatalogueEntry => {
  const app = findCatalogueEntry(id);
  if (app === undefined) throw new Error(`no catalogue entry ${id}`);
  return app;
};

describe('the catalogue as a whole', () => {
  it('has exactly the required ids, once each, and TikTok alone as the default', () => {
    expect(CATALOGUE.map((a) => a.id).sort()).toEqual([...REQUIRED_IDS].sort());
    expect(DEFAULT_BUILTIN_APP_IDS).toEqual(['tiktok']);
  });

  it('no domain or host of one entry is, or is under, a value of another entry', () => {
    const clashes: string[] = [];
    for (const a of CATALOGUE) {
      for (const b of CATALOGUE) {
        if (a === b) continue;
        for (const x of valuesOf(a)) {
          for (const y of valuesOf(b)) if (isSameOrSubdomain(x, y)) clashes.push(`${a.id}:${x} under ${b.id}:${y}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('every entry has its provenance, and the runtime entries carry nothing else', () => {
    expect(Object.keys(CATALOGUE_PROVENANCE).sort()).toEqual([...REQUIRED_IDS].sort());
    for (const app of CATALOGUE) expect(Object.keys(app).sort(), app.id).toEqual(['domains', 'hosts', 'id', 'name', 'reason', 'vendor']);
    expect(CATALOGUE_ENTRIES.map((e) => e.id)).toEqual(CATALOGUE.map((a) => a.id));
  });

  it('a policy may name every entry', () => {
    expect(parsePolicy({ builtinApps: REQUIRED_IDS })).toEqual({
      ok: true,
      policy: { kind: 'builtin', builtinApps: REQUIRED_IDS, refreshMinutes: 60, groups: [] },
    });
  });

  it('cordon sign expands every entry, all in one list, into exactly its domains and hosts', () => {
    const built = buildPayload(
      {
        schema: 1,
        listId: 'acme',
        serial: 1,
        issuer: 'Acme Corp',
        contact: 'mailto:it@acme.example',
        apps: REQUIRED_IDS.map((id) => ({ catalogue: id, mode: 'block', since: '2026-11-28' })),
      },
      { now: new Date('2026-11-28T12:00:00Z'), stamp: false, bumpSerial: false },
    );
    if (!built.ok) throw new Error(built.errors.join('; '));
    for (const app of built.list.apps) {
      const source = entry(app.id);
      expect(app.name).toBe(source.name);
      expect(app.domains).toEqual(source.domains);
      expect(app.hosts ?? []).toEqual(source.hosts);
      expect(app.reason).toBe(source.reason);
    }
  });
});

describe.each(CATALOGUE_ENTRIES.map((app) => [app.id, app] as const))('entry %s', (_id, app) => {
  it('has a name, a vendor, a reason and a review date', () => {
    expect(app.name.trim()).not.toBe('');
    expect(app.vendor.trim()).not.toBe('');
    expect(app.reason.trim()).not.toBe('');
    expect(app.reviewed).toMatch(ISO_DATE);
    // QQ lives only on Tencent's shared qq.com: hosts and no domain of its own.
    expect(app.domains.length + app.hosts.length).toBeGreaterThan(0);
  });

  it('every domain and host is canonical, unique, and not under another of its values', () => {
    const values = valuesOf(app);
    for (const value of values) expect(checkCanonicalDomain(value), value).toMatchObject({ ok: true, domain: value });
    expect(new Set(values).size).toBe(values.length);
    const nested = values.filter((x) => values.some((y) => x !== y && isSameOrSubdomain(x, y)));
    expect(nested).toEqual([]);
  });

  it('every source has an https URL and a check date; keys are unique', () => {
    expect(app.sources.length).toBeGreaterThan(0);
    for (const source of app.sources) {
      expect(new URL(source.url).protocol, source.url).toBe('https:');
      expect(source.checked).toMatch(ISO_DATE);
      expect(Number.isNaN(Date.parse(source.checked))).toBe(false);
      expect(source.title.trim()).not.toBe('');
    }
    const keys = app.sources.flatMap((s) => (s.key === undefined ? [] : [s.key]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every domain and host names the sources it comes from', () => {
    const map = app.domainSources;
    expect(Object.keys(map).sort()).toEqual(valuesOf(app).sort());
    const keys = new Set(app.sources.map((s) => s.key));
    for (const [value, cited] of Object.entries(map)) {
      expect(cited.length, value).toBeGreaterThan(0);
      for (const key of cited) expect(keys.has(key), `${value} cites unknown source ${key}`).toBe(true);
    }
  });

  it('what it deliberately leaves open is not blocked by it', () => {
    expect(app.notBlocked.length).toBeGreaterThan(0);
    for (const exclusion of app.notBlocked) {
      expect(exclusion.why.trim()).not.toBe('');
      expect(matchBlockedApp(`https://${exclusion.host}/`, [app]), exclusion.host).toBeUndefined();
    }
  });

  it(`compiles on its own within ${RULES_PER_APP_MAX} rules, plus its website-proxy expressions`, () => {
    const rules = compileRules([app], { blockPageUrl });
    const own = rules.filter((r) => !isProxyRule(r));
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.length).toBeLessThanOrEqual(RULES_PER_APP_MAX);
    // Every name is carried by a proxy expression (the catalogue is small), so requestDomains holds the names only.
    expect(rules[0]?.condition.requestDomains).toHaveLength(valuesOf(app).length);
    expect(rules.filter(isProxyRule).length).toBeGreaterThanOrEqual(2);
  });
});

/** URLs each entry must block (pages, API, CDN, WebSocket) and lookalikes or siblings it must not. */
const TABLES: Record<string, { block: string[]; allow: string[] }> = {
  tiktok: {
    block: ['https://www.tiktok.com/@someone', 'https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/feed/', 'https://p16-sign-va.tiktokcdn.com/x.jpeg', 'wss://webcast16-ws-useast1a.tiktok.com/ws'],
    allow: ['https://www.capcut.com/', 'https://www.lemon8-app.com/', 'https://www.douyin.com/', 'https://nottiktok.com/', 'https://tiktok.com.example.org/'],
  },
  deepseek: {
    block: [
      'https://chat.deepseek.com/',
      'https://www.deepseek.com/en',
      'https://api.deepseek.com/chat/completions',
      'https://platform.deepseek.com/api_keys',
      'https://cdn.deepseek.com/chat/icon.png',
      'wss://chat.deepseek.com/ws',
    ],
    allow: ['https://deepseek.ai/', 'https://notdeepseek.com/', 'https://deepseek.com.example.org/', 'https://huggingface.co/deepseek-ai/DeepSeek-V3', 'https://openrouter.ai/deepseek/deepseek-chat'],
  },
  wechat: {
    block: [
      'https://web.wechat.com/',
      'https://www.wechat.com/en/',
      'https://wx.qq.com/',
      'https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck',
      'https://res.wx.qq.com/open/js/jweixin-1.6.0.js',
      'https://mp.weixin.qq.com/s/abcdef',
      'https://open.weixin.qq.com/connect/qrconnect?appid=x',
      'https://servicewechat.com/wx1234/page-frame.html',
      'https://wx.gtimg.com/x.png',
      'https://weixin110.qq.com/',
    ],
    allow: [
      'https://www.qq.com/',
      'https://mail.qq.com/',
      'https://im.qq.com/',
      'https://mat1.gtimg.com/www/logo.png',
      'https://thirdwx.qlogo.cn/mmopen/x/132',
      'https://pay.wechatpay.cn/',
      'https://map.qq.com/',
      'https://notwechat.com/',
      'https://wechat.com.example.org/',
      'https://weixin.qq.com.example.org/',
    ],
  },
  telegram: {
    block: [
      'https://web.telegram.org/k/',
      'wss://vesta.web.telegram.org/apiws',
      'https://t.me/durov',
      'https://telegram.me/durov',
      'https://core.telegram.org/api',
      'https://cdn4.telesco.pe/file/abc.jpg',
      'https://telegra.ph/Some-Page-01-01',
      'https://updates.tdesktop.com/tlinux/tsetup.tar.xz',
      'https://fragment.com/numbers',
      'https://cdn4.cdn-telegram.org/file/abc.jpg',
    ],
    allow: ['https://nicegram.app/', 'https://telega.me/', 'https://ton.org/', 'https://toncenter.com/api/v2/', 'https://nottelegram.org/', 'https://telegram.org.example.com/', 'https://t.me.example.org/', 'https://telegraph.co.uk/'],
  },
  temu: {
    block: ['https://www.temu.com/', 'https://www.temu.com/goods.html?goods_id=1', 'https://seller.temu.com/', 'https://img.kwcdn.com/product/open/x-goods.jpeg', 'https://static.kwcdn.com/m-assets/x.js', 'https://img.temucdn.com/x.jpg'],
    allow: ['https://www.pinduoduo.com/', 'https://mobile.yangkeduo.com/', 'https://p1.kwaicdn.com/x.jpg', 'https://nottemu.com/', 'https://temu.com.example.org/'],
  },
  shein: {
    block: ['https://www.shein.com/', 'https://us.shein.com/Dresses-c-1727.html', 'https://api-service.shein.com/x', 'https://sheinsz.ltwebstatic.com/she_dist/x.js', 'https://www.shein.co.uk/', 'https://www.shein.se/'],
    allow: ['https://www.romwe.com/', 'https://ltwebstatic.com/', 'https://www.sheingroup.com/', 'https://notshein.com/', 'https://shein.com.example.org/'],
  },
  capcut: {
    block: [
      'https://www.capcut.com/editor',
      'https://dreamina.capcut.com/ai-tool/home',
      'https://edit-api-sg.capcutapi.com/lv/v1/common_task/new',
      'https://imagex16-normal-us-ttp.capcutapi.us/x',
      'https://p16-vimo-useast5.capcutcdn-us.com/tos/x.image',
      'https://sf16-web-tos-buz.capcutstatic.com/obj/capcut-web-buz-sg/x.ico',
      'https://lf16-capcut.faceulv.com/obj/capcutpc-packages-us/installer/x.dmg',
      'https://www.capcut.net/',
    ],
    allow: ['https://www.tiktok.com/', 'https://www.lemon8-app.com/', 'https://www.jianying.com/', 'https://lf3-ulike.faceulv.com/x', 'https://notcapcut.com/', 'https://capcut.com.example.org/'],
  },
  lemon8: {
    block: ['https://www.lemon8-app.com/', 'https://www.lemon8-app.com/@someone/7447985813000061486', 'https://v.lemon8-app.com/s/OgShbeQc', 'https://p16-va.lemon8cdn.com/tos-alisg-v-a3e477-sg/x~tplv-origin.webp'],
    allow: ['https://www.tiktok.com/', 'https://p16-lemon8-sign-sg.tiktokcdn.com/x.webp', 'https://www.capcut.com/', 'https://lemon8.com/', 'https://notlemon8-app.com/', 'https://lemon8-app.com.example.org/'],
  },
  kaspersky: {
    block: [
      'https://www.kaspersky.com/',
      'https://my.kaspersky.com/',
      'https://usa.kaspersky.com/downloads',
      'https://s00.upd.kaspersky.com/diffs/x',
      'https://activation-v2.kaspersky.com/activationservice/activationservice.svc',
      'https://ksn-file-geo.kaspersky-labs.com/x',
      'https://gc.kis.v2.scr.kaspersky-labs.com/FD126C42-EBFA-4E12-B309-BB3FDD723AC1/main.js',
      'https://www.kaspersky.ru/',
      'https://www.kaspersky.co.uk/',
      'https://www.kaspersky.com.br/',
    ],
    allow: ['https://securelist.com/', 'https://www.drweb.com/', 'https://www.virustotal.com/', 'https://notkaspersky.com/', 'https://kaspersky.com.example.org/'],
  },
  vk: {
    block: [
      'https://vk.com/',
      'https://vkvideo.ru/video-1_2',
      'https://m.vk.com/id1',
      'https://id.vk.com/auth',
      'https://api.vk.com/method/users.get',
      'https://vk.ru/',
      'https://sun9-1.userapi.com/impg/x.jpg',
      'https://vk.me/join/abc',
      'https://vk.cc/abc',
      'https://st.vk-cdn.net/x.js',
    ],
    allow: ['https://mail.ru/', 'https://ok.ru/', 'https://i.mycdn.me/x.jpg', 'https://dzen.ru/', 'https://max.ru/', 'https://vkpay.com/', 'https://vkpay.io/', 'https://vktech-static.ru/x.css', 'https://notvk.com/', 'https://vk.com.example.org/'],
  },
  rednote: {
    block: [
      'https://www.xiaohongshu.com/explore/64abcdef0000000000000000',
      'https://edith.xiaohongshu.com/api/sns/web/v1/homefeed',
      'https://sns-webpic-qc.xhscdn.com/x.webp',
      'https://fe-static.rednotecdn.com/x.js',
      'https://www.rednote.com.my/',
      'https://fe-static.xhscdn.com/formula-static/x.js',
      'https://xhslink.com/a/abc',
      'https://www.rednote.com/explore/69e5c2340000000023012eb1',
      'https://www.xiaohongshu.com.my/',
    ],
    allow: ['https://www.fengkongcloud.com/', 'https://www.askdiandian.com/', 'https://www.douyin.com/', 'https://notxiaohongshu.com/', 'https://xiaohongshu.com.example.org/', 'https://rednotes.example/'],
  },
  douyin: {
    block: [
      'https://www.douyin.com/',
      'https://www.douyin.com/video/7300000000000000000',
      'wss://webcast5-ws-web-hl.douyin.com/webcast/im/push/v2/',
      'https://www.iesdouyin.com/share/video/7300000000000000000/',
      'https://p3-pc.douyinpic.com/img/x.jpeg',
      'https://lf-douyin-pc-web.douyinstatic.com/obj/x.js',
      'https://api.amemv.com/aweme/v1/feed/',
      'https://www.huoshan.com/',
      'https://open.douyin.com/platform',
    ],
    allow: ['https://www.tiktok.com/', 'https://www.toutiao.com/', 'https://www.qishui.com/', 'https://www.douyinpay.com/', 'https://www.bytedance.com/', 'https://notdouyin.com/', 'https://douyin.com.example.org/'],
  },
  doubao: {
    block: ['https://www.doubao.com/chat/', 'https://lf-flow-web-cdn.doubao.com/obj/x.js', 'https://p3-flow-imagex-sign.doubaocdn.com/x.png', 'https://www.dola.com/', 'https://www.cici.com/'],
    allow: ['https://www.coze.com/', 'https://www.coze.cn/', 'https://www.trae.ai/', 'https://ark.cn-beijing.volces.com/api/v3/chat/completions', 'https://www.douyin.com/', 'https://notdoubao.com/', 'https://doubao.com.example.org/'],
  },
  camscanner: {
    block: ['https://www.camscanner.com/', 'https://www.camscanner.com/share/show?sid=abc', 'https://static.camscanner.com/x.js'],
    allow: ['https://www.camcard.com/', 'https://www.qixin.com/', 'https://www.intsig.com/', 'https://a.intsig.net/sync', 'https://notcamscanner.com/', 'https://camscanner.com.example.org/'],
  },
  wps: {
    block: ['https://www.wps.com/', 'https://www.wps.cn/', 'https://drive.wps.cn/api/v3/files', 'https://www.kdocs.cn/l/abc', 'https://qn.cache.wpscdn.cn/x.js', 'https://img.wpscdn.com/x.png', 'https://www.docer.com/'],
    allow: ['https://www.iciba.com/', 'https://www.kingsoft.com/', 'https://www.ksyun.com/', 'https://www.onlyoffice.com/', 'https://notwps.com/', 'https://wps.com.example.org/'],
  },
  qq: {
    block: ['https://im.qq.com/index/', 'https://qun.qq.com/member.html', 'https://user.qzone.qq.com/10001', 'https://h5.qzone.qq.com/x', 'https://qzonestyle.gtimg.cn/qzone/x.js', 'https://qzs.qq.com/qzone/x.png', 'https://ti.qq.com/x'],
    allow: ['https://www.qq.com/', 'https://mail.qq.com/', 'https://v.qq.com/', 'https://docs.qq.com/', 'https://xui.ptlogin2.qq.com/cgi-bin/xlogin', 'https://url.cn/abc', 'https://mat1.gtimg.com/x.png', 'https://qpay.qq.com/', 'https://notqq.com/', 'https://im.qq.com.example.org/'],
  },
  weibo: {
    block: ['https://weibo.com/', 'https://m.weibo.cn/status/1', 'https://hk.weibo.com/', 'https://f.video.weibocdn.com/x.mp4', 'https://t.cn/abc', 'https://h5.sinaimg.cn.wbimg.com/x'],
    allow: ['https://www.sina.com.cn/', 'https://news.sina.cn/', 'https://n.sinaimg.cn/x.jpg', 'https://www.sinajs.cn/x.js', 'https://notweibo.com/', 'https://weibo.com.example.org/'],
  },
  alipay: {
    block: ['https://www.alipay.com/', 'https://auth.alipay.com/login/index.htm', 'https://mapi.alipay.com/gateway.do', 'https://www.alipay.cn/'],
    allow: ['https://gw.alipayobjects.com/zos/antfincdn/x.js', 'https://www.alipayplus.com/', 'https://www.alipay.hk/', 'https://www.taobao.com/', 'https://www.antgroup.com/', 'https://notalipay.com/', 'https://alipay.com.example.org/'],
  },
  baidu: {
    block: ['https://www.baidu.com/s?wd=x', 'https://pan.baidu.com/s/1abc', 'https://tieba.baidu.com/f?kw=x', 'https://hm.baidu.com/hm.js?x', 'https://dss0.bdstatic.com/x.js', 'https://t7.baidu.com/it/x.jpg', 'https://d.pcs.baidu.com/file/x', 'https://nj02all01.baidupcs.com/file/x', 'https://img.bdimg.com/x.png'],
    allow: ['https://bj.bcebos.com/v1/x', 'https://www.hao123.com/', 'https://haokan.baidu.com.example.org/', 'https://www.duxiaoman.com/', 'https://www.zuoyebang.com/', 'https://dwz.cn/abc', 'https://notbaidu.com/', 'https://baidu.com.example.org/'],
  },
  kimi: {
    block: ['https://www.kimi.com/', 'https://kimi.moonshot.cn/chat/abc', 'https://api.moonshot.cn/v1/chat/completions', 'https://api.moonshot.ai/v1/models', 'https://platform.moonshot.ai/console/api-keys', 'https://platform.kimi.ai/docs/overview'],
    allow: ['https://openrouter.ai/moonshotai/kimi-k2', 'https://huggingface.co/moonshotai', 'https://www.moonshot.com/', 'https://notkimi.com/', 'https://kimi.com.example.org/'],
  },
};

describe('per-entry must-block and must-not-block tables', () => {
  it('every entry has a table', () => {
    expect(Object.keys(TABLES).sort()).toEqual([...REQUIRED_IDS].sort());
  });

  describe.each(Object.entries(TABLES))('%s', (id, table) => {
    const app = entry(id);
    it.each(table.block)('blocks %s, and no other entry claims it', (url) => {
      expect(matchBlockedApp(url, [app])?.id).toBe(id);
      expect(matchBlockedApp(url, CATALOGUE)?.id).toBe(id);
    });
    it.each(table.allow)('leaves %s alone', (url) => {
      expect(matchBlockedApp(url, [app])).toBeUndefined();
    });
  });
});

describe('documentation stays in step with the code', () => {
  const overview = readFileSync(join(DOCS, 'catalogue.md'), 'utf8');

  it.each(CATALOGUE_ENTRIES.map((app) => [app.id, app] as const))('docs/catalogue.md lists %s with its counts', (id, app) => {
    const row = overview.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row, id).toBeDefined();
    expect(row?.split('|').map((cell) => cell.trim()).slice(4, 6)).toEqual([String(app.domains.length), String(app.hosts.length)]);
  });

  it.each(CATALOGUE_ENTRIES.filter((app) => app.id !== 'tiktok').map((app) => [app.id, app] as const))(
    'docs/catalogue/%s.md names every domain, host, source and exclusion',
    (id, app) => {
      const doc = readFileSync(join(DOCS, 'catalogue', `${id}.md`), 'utf8');
      for (const value of valuesOf(app)) expect(doc, value).toContain(`| ${value} |`);
      for (const source of app.sources) expect(doc, source.url).toContain(source.url);
      for (const exclusion of app.notBlocked) expect(doc, exclusion.host).toContain(`| ${exclusion.host} |`);
      expect(doc).toContain(`Reviewed ${app.reviewed}`);
    },
  );

  it('the example list in docs/catalogue.md signs as written', () => {
    const example = [...overview.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((block) => block.includes('"schema": 1'));
    expect(example).toBeDefined();
    const built = buildPayload(JSON.parse(example ?? '{}') as never, { now: new Date('2026-11-28T12:00:00Z'), stamp: false, bumpSerial: false });
    if (!built.ok) throw new Error(built.errors.join('; '));
    expect(built.list.apps.map((a) => a.id)).toEqual(['tiktok', 'wechat', 'wechat-pay']);
  });
});
