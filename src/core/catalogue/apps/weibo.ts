import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Weibo (Weibo Corporation (Sina)). Researched 2026-12-07; see docs/catalogue/weibo.md.
 * Weibo, the Chinese microblogging network: its web app and APIs (weibo.com, weibo.cn), CDNs
 * and short links (t.cn). Sina's portal and its shared CDNs (sinaimg.cn, sinajs.cn) stay open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app (weibo.com, m.weibo.cn is under weibo.cn), APIs, regional sites (hk., tw., us. ...)
  'weibo.com': ['AG', 'V2'],
  // Mobile web app (m.weibo.cn) and APIs
  'weibo.cn': ['AG', 'V2'],
  // Weibo
  'weibo.com.cn': ['AG', 'V2'],
  // Video and image CDN
  'weibocdn.com': ['AG', 'V2'],
  // Images
  'wbimg.cn': ['AG', 'V2'],
  // Images
  'wbimg.com': ['AG', 'V2'],
  // Weibo CDN
  'wcdn.cn': ['AG', 'V2'],
  // Weibo's short links (t.cn/...)
  't.cn': ['V2'],
} as const satisfies Citations<typeof weibo>;

export const weibo = {
  id: 'weibo',
  name: 'Weibo',
  vendor: 'Weibo Corporation (Sina)',
  domains: ['weibo.com', 'weibo.cn', 'weibo.com.cn', 'weibocdn.com', 'wbimg.cn', 'wbimg.com', 'wcdn.cn', 't.cn'],
  hosts: [],
  reason: notApprovedReason('Weibo'),
} as const satisfies CatalogueApp;

export const weiboProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/weibo.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/weibo.yml',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/sina',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/sina',
      checked: '2026-12-07',
    },
  ],
  notBlocked: [
    {
      host: 'sina.com.cn',
      why: 'Sina Corporation\'s portal, news, mail and other services (Weibo\'s parent): a sibling, not Weibo (v2fly lists Weibo in Sina\'s file).',
    },
    {
      host: 'sina.com',
      why: 'Sina Corporation\'s portal, news, mail and other services (Weibo\'s parent): a sibling, not Weibo (v2fly lists Weibo in Sina\'s file).',
    },
    {
      host: 'sina.cn',
      why: 'Sina Corporation\'s portal, news, mail and other services (Weibo\'s parent): a sibling, not Weibo (v2fly lists Weibo in Sina\'s file).',
    },
    {
      host: 'sina.net',
      why: 'Sina Corporation\'s portal, news, mail and other services (Weibo\'s parent): a sibling, not Weibo (v2fly lists Weibo in Sina\'s file).',
    },
    {
      host: 'sinajs.cn',
      why: 'Sina\'s shared script CDN (also sinajs.com), used by Sina\'s portal and news as well as by Weibo pages; blocking it breaks Sina\'s other sites.',
    },
    {
      host: 'sinajs.com',
      why: 'See sinajs.cn.',
    },
    {
      host: 'sinaimg.cn',
      why: 'Sina\'s image CDN, shared by Sina\'s news and portal (n.sinaimg.cn) and Weibo (wx1.sinaimg.cn...); only Weibo\'s own image hosts would be blockable, and no source names them all. Weibo pages fail without their scripts and APIs anyway.',
    },
    {
      host: 'sinaimg.com',
      why: 'See sinaimg.cn.',
    },
    {
      host: 'sinaapp.com',
      why: 'Sina App Engine, which hosts other people\'s sites.',
    },
    {
      host: 'sinaedge.com',
      why: 'Sina\'s edge network for its services.',
    },
    {
      host: 'weibopay.com',
      why: 'Weibo Pay, a payment service; left open as payments infrastructure (as VK Pay in the VK entry).',
    },
    {
      host: '97973.com',
      why: 'A Sina game site; not Weibo.',
    },
    {
      host: 'krcom.cn',
      why: 'Listed in Sina\'s file with no sign of what it serves to Weibo users; left out rather than guessed.',
    },
    {
      host: 'picself.cn',
      why: 'Listed in Sina\'s file with no sign of what it serves; left out rather than guessed.',
    },
    {
      host: 'videoself.cn',
      why: 'Listed in Sina\'s file with no sign of what it serves; left out rather than guessed.',
    },
    {
      host: 'xhaiwai.com',
      why: 'Listed in Sina\'s file with no sign of what it serves; left out rather than guessed.',
    },
  ],
  referencePatterns: [
    { pattern: 'tld:sina', why: 'The .sina top-level domain: a brand TLD with no Weibo service on it; a browser rule cannot name a whole TLD.' },
    { pattern: 'tld:weibo', why: 'The .weibo brand top-level domain: no Weibo service is known on it; a browser rule cannot name a whole TLD.' },
    { pattern: 'tld:xn--9krt00a', why: 'The .微博 (xn--9krt00a) brand top-level domain: as .weibo.' },
  ],
  reviewed: '2026-12-07',
};
