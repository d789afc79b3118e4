import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * RedNote / Xiaohongshu (Xingin Information Technology). Researched 2026-11-28; see docs/catalogue/rednote.md.
 * Web app and API (www./edith.xiaohongshu.com), CDNs (xhscdn.com, xhscdn.net), short links
 * (xhslink.com) and the international name (www.rednote.com).
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app, API (edith.xiaohongshu.com), creator and seller centres [AG][V2][BM]
  'xiaohongshu.com': ['AG', 'V2', 'BM'],
  'xiaohongshu.net': ['AG'],
  'xiaohongshu.com.my': ['AG'],
  // Images, video and web bundles (sns-webpic-qc., fe-static.xhscdn.com) [AG][V2][BM]
  'xhscdn.com': ['AG', 'V2', 'BM'],
  'xhscdn.net': ['AG', 'V2', 'BM'],
  // Share links (xhslink.com/a/...) [V2F][OBS]
  'xhslink.com': ['V2F', 'OBS'],
  // International web address (www.rednote.com/explore/...) [OBS-RN]
  'rednote.com': ['OBS-RN'],
  'rednote.com.my': ['V2'],
  'rednotecdn.com': ['V2'],
  'xhsrcdn.com': ['V2'],
} as const satisfies Citations<typeof rednote>;

export const rednote = {
  id: 'rednote',
  name: 'RedNote (Xiaohongshu)',
  vendor: 'Xingin Information Technology (Shanghai)',
  domains: [
    'xiaohongshu.com', 'xiaohongshu.net', 'xiaohongshu.com.my', 'xhscdn.com', 'xhscdn.net', 'xhslink.com',
    'rednote.com',
    'rednote.com.my', 'rednotecdn.com', 'xhsrcdn.com',
  ],
  hosts: [],
  reason: notApprovedReason('RedNote (Xiaohongshu)'),
} as const satisfies CatalogueApp;

export const rednoteProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/xiaohongshu.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/xiaohongshu.yml',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/xiaohongshu',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/xiaohongshu',
      checked: '2026-12-07',
    },
    {
      key: 'BM',
      title: 'blackmatrix7 ios_rule_script: rule/Clash/XiaoHongShu/XiaoHongShu.list',
      url: 'https://github.com/blackmatrix7/ios_rule_script/blob/master/rule/Clash/XiaoHongShu/XiaoHongShu.list',
      checked: '2026-11-28',
    },
    {
      key: 'V2F',
      title: 'nekolsd/domain-list-community (v2fly fork): data/xiaohongshu',
      url: 'https://github.com/nekolsd/domain-list-community/blob/HEAD/data/xiaohongshu',
      checked: '2026-11-28',
    },
    {
      key: 'OBS',
      title: 'GitHub code search: DOMAIN-SUFFIX,xhslink.com (Xiaohongshu rule sets)',
      url: 'https://github.com/search?q=%22DOMAIN-SUFFIX%2Cxhslink.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-RN',
      title: 'GitHub code search: www.rednote.com (RedNote note and profile links; the international web address)',
      url: 'https://github.com/search?q=%22www.rednote.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (RedNote added 2025-01-31)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'fengkongcloud.com',
      why: 'Shumei\'s risk-control and captcha service, used by many Chinese apps and sites (blackmatrix7 lists it because Xiaohongshu uses it).',
    },
    {
      host: 'redbascket.com',
      why: 'Only one fork lists it, with no sign of what it serves; left out rather than guessed.',
    },
    {
      host: 'douyin.com',
      why: 'Douyin is ByteDance\'s, unrelated to Xiaohongshu; listed here only because both are often blocked together.',
    },
    {
      host: 'askdiandian.com',
      why: 'Diandian, Xingin\'s separate AI search app: a sibling product, not RedNote (v2fly lists it under Xiaohongshu).',
    },
    {
      host: 'diandianlife.top',
      why: 'Diandian, Xingin\'s separate AI search app: a sibling product, not RedNote (v2fly lists it under Xiaohongshu).',
    },
    {
      host: 'redelight.cn',
      why: 'Listed by v2fly alone; no public page shows what it serves to RedNote users. Left out rather than guessed.',
    },
  ],
  reviewed: '2026-12-07',
};
