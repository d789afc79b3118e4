import { EXECUTIVE_ORDER_13971, texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * WPS Office (Beijing Kingsoft Office Software, Inc.). Researched 2026-12-07; see docs/catalogue/wps.md.
 * Kingsoft Office's office suite: its sites, cloud drive and web office (wps.com, wps.cn), its web
 * documents (kdocs.cn), CDNs and built-in services. Kingsoft's other products and Kingsoft Cloud are
 * left open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // International site, web office and account (www.wps.com)
  'wps.com': ['V2'],
  // Chinese site, cloud drive and web office (drive.wps.cn)
  'wps.cn': ['V2'],
  // CDN
  'wpscdn.com': ['V2'],
  // CDN (qn.cache.wpscdn.cn)
  'wpscdn.cn': ['V2'],
  // WPS cloud services
  'qwps.cn': ['V2'],
  // Kingsoft Docs (金山文档), WPS's web documents
  'kdocs.cn': ['V2'],
  // WPS collaboration (WPS 协作)
  'kimxz.com': ['V2'],
  // WPS Mail
  'wpsmail.net': ['V2'],
  // WPS PDF
  'wpspdf.cn': ['V2'],
  // Docer (稻壳), the template store built into WPS
  'docer.com': ['V2'],
} as const satisfies Citations<typeof wps>;

export const wps = {
  id: 'wps',
  name: 'WPS Office',
  vendor: 'Beijing Kingsoft Office Software, Inc.',
  domains: ['wps.com', 'wps.cn', 'wpscdn.com', 'wpscdn.cn', 'qwps.cn', 'kdocs.cn', 'kimxz.com', 'wpsmail.net', 'wpspdf.cn', 'docer.com'],
  hosts: [],
  reason: notApprovedReason('WPS Office'),
} as const satisfies CatalogueApp;

export const wpsProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/wps',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/wps',
      checked: '2026-12-07',
    },
    EXECUTIVE_ORDER_13971,
    /* @__PURE__ */ texasList('prohibited list names WPS Office'),
  ],
  notBlocked: [
    {
      host: 'iciba.com',
      why: 'PowerWord (金山词霸), Kingsoft\'s dictionary: a separate product (v2fly lists it in the WPS file).',
    },
    {
      host: '51dzt.com',
      why: 'Kingsoft Typing Tutor (金山打字通): a separate product.',
    },
    {
      host: 'papocket.com',
      why: 'PAPocket, listed in v2fly\'s WPS file with no sign of what it serves; left out rather than guessed.',
    },
    {
      host: 'kingsoft.com',
      why: 'Kingsoft Corporation, the parent of WPS, Seasun games and Kingsoft Cloud; not the office suite.',
    },
    {
      host: 'ksyun.com',
      why: 'Kingsoft Cloud, used by many companies\' sites and apps.',
    },
  ],
  reviewed: '2026-12-07',
};
