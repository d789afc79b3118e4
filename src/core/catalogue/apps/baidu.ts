import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Baidu (Baidu, Inc.). Researched 2026-12-07; see docs/catalogue/baidu.md.
 * Baidu's consumer services on baidu.com (search, Netdisk, Tieba, Zhidao, Maps, Translate, Baike,
 * Wenku) with their static and image CDNs and Netdisk downloads. Baidu AI Cloud, which other companies
 * build on, and the businesses Baidu spun off stay open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Search (www.baidu.com), Netdisk (pan.baidu.com), Tieba, Zhidao, Maps, Translate, Baike, the Wenku docs and their APIs
  'baidu.com': ['V2'],
  // Baidu
  'baidu.cn': ['V2'],
  // Baidu
  'baidu.com.cn': ['V2'],
  // Static files of Baidu's pages
  'bdstatic.com': ['V2'],
  // Images and static files of Baidu's pages
  'bdimg.com': ['V2'],
  // Baidu static files
  'baidustatic.com': ['V2'],
  // Baidu Netdisk file downloads
  'baidupcs.com': ['V2'],
  // Search result cache and content
  'baiducontent.com': ['V2'],
  // Tieba forums
  'tieba.com': ['V2'],
  // Tieba images
  'tiebaimg.com': ['V2'],
  // The Baidu app's web endpoints
  'baiduapp.com': ['V2'],
  // Baidu CDN
  'baidu-cdn.com': ['V2'],
  // Baidu CDN
  'baidu-cdn.cn': ['V2'],
  // Baidu CDN
  'baidu-cdn.net': ['V2'],
} as const satisfies Citations<typeof baidu>;

export const baidu = {
  id: 'baidu',
  name: 'Baidu',
  vendor: 'Baidu, Inc.',
  domains: ['baidu.com', 'baidu.cn', 'baidu.com.cn', 'bdstatic.com', 'bdimg.com', 'baidustatic.com', 'baidupcs.com', 'baiducontent.com', 'tieba.com', 'tiebaimg.com', 'baiduapp.com', 'baidu-cdn.com', 'baidu-cdn.cn', 'baidu-cdn.net'],
  hosts: [],
  reason: notApprovedReason('Baidu\'s apps and services', 'are'),
} as const satisfies CatalogueApp;

export const baiduProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/baidu',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/baidu',
      checked: '2026-12-07',
    },
  ],
  notBlocked: [
    {
      host: 'hao123.com',
      why: 'hao123, Baidu\'s web directory portal: a sibling site, not search or Netdisk (hao123img.com, hao222.com likewise).',
    },
    {
      host: 'hao123img.com',
      why: 'See hao123.com.',
    },
    {
      host: 'hao222.com',
      why: 'See hao123.com.',
    },
    {
      host: 'haokan.com',
      why: 'Haokan, Baidu\'s separate short-video app.',
    },
    {
      host: 'xiaodutv.com',
      why: 'Xiaodu, Baidu\'s smart-speaker and TV devices.',
    },
    {
      host: 'apollo.auto',
      why: 'Apollo, Baidu\'s autonomous-driving platform.',
    },
    {
      host: 'yoojia.com',
      why: 'Youjia, Baidu\'s car site.',
    },
    {
      host: 'nuomi.com',
      why: 'Nuomi, a group-buying service.',
    },
    {
      host: 'chuanke.com',
      why: 'Chuanke, an education site.',
    },
    {
      host: '91.com',
      why: '91 Mobile, an app store Baidu bought.',
    },
    {
      host: 'shifen.com',
      why: 'The names Baidu\'s services CNAME to (www.a.shifen.com); a CNAME target never appears in a URL, so a browser rule on it would do nothing.',
    },
    {
      host: 'mipcdn.com',
      why: 'Baidu\'s MIP cache of other sites\' pages; blocking it breaks those sites\' pages as Baidu serves them, not Baidu.',
    },
    {
      host: 'smartapps.cn',
      why: 'Baidu Smart Mini Programs: third parties\' mini-apps.',
    },
    {
      host: 'duapp.com',
      why: 'Baidu App Engine, which hosts other people\'s sites (duapp.net, duapps.com likewise).',
    },
    {
      host: 'duapp.net',
      why: 'See duapp.com.',
    },
    {
      host: 'duapps.com',
      why: 'See duapp.com.',
    },
    {
      host: 'dwz.cn',
      why: 'Baidu\'s public short-link service, used by anyone (duurl.cn likewise).',
    },
    {
      host: 'duurl.cn',
      why: 'See dwz.cn.',
    },
    {
      host: 'baifubao.com',
      why: 'Baidu Wallet, a payment service; left open as payments infrastructure.',
    },
    {
      host: 'baidubce.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bce-cdn.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bce-cdn.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bce-cdn.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bcebos.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bcelive.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdcloudapi.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdydns.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdydns.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdydns.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdycdn.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'bdycdn.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'baiduyuncdn.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'baiduyuncdn.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'baiduyuncdn.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomocdn.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomocdn.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomodns.cn',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomodns.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomodns.net',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'jomoxc.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'xdrtc.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'baidubcr.com',
      why: 'Baidu AI Cloud (BCE): object storage, CDN, DNS and APIs that other companies build on; not Baidu\'s own apps.',
    },
    {
      host: 'combofin.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'duxiaoman-int.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'duxiaoman.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'duxiaomanfintech.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'duxiaomanfund.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'duxiaomantech.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxm-cdn.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxm-int.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmbaoxian.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmjinr.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmlcf.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmlcfintech.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmpay.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmstatic.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'dxmyqh.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'paydxm.com',
      why: 'Du Xiaoman, the financial company spun off from Baidu in 2018: a separate business.',
    },
    {
      host: 'zuoyebang.cc',
      why: 'Zuoyebang, an education company spun off from Baidu: a separate business.',
    },
    {
      host: 'zuoyebang.com',
      why: 'Zuoyebang, an education company spun off from Baidu: a separate business.',
    },
    {
      host: 'zybang.com',
      why: 'Zuoyebang, an education company spun off from Baidu: a separate business.',
    },
    {
      host: 'aipage.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'antpcdn.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'baifae.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'xianfae.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'bdtjrcv.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'bdurl.net',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'dlnel.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'dlnel.org',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
    {
      host: 'quyaoya.com',
      why: 'Listed in v2fly\'s Baidu file with no sign of what it serves to users of Baidu\'s apps; left out rather than guessed.',
    },
  ],
  referencePatterns: [
    { pattern: 'tld:baidu', why: 'The .baidu brand top-level domain: no Baidu service employees use is known on it; a browser rule cannot name a whole TLD.' },
  ],
  reviewed: '2026-12-07',
};
