import { EXECUTIVE_ORDER_13971, texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * Alipay (Ant Group). Researched 2026-12-07; see docs/catalogue/alipay.md.
 * Ant Group's payment app: its site, cashier, account pages and APIs on alipay.com. Its shared static
 * CDN (alipayobjects.com: Ant Design's assets, used by countless sites) and Alipay+ (merchants'
 * cross-border payments) stay open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Alipay's site, cashier and account pages (www.alipay.com, auth.alipay.com, mapi.alipay.com)
  'alipay.com': ['V2-ALI'],
  // Alipay
  'alipay.cn': ['V2-ALI'],
  // Alipay
  'alipay.com.cn': ['V2-ALI'],
  // Alipay logging
  'alipaylog.com': ['V2-ALI'],
  // Alipay DNS and edge names
  'alipaydns.com': ['V2-ALI'],
} as const satisfies Citations<typeof alipay>;

export const alipay = {
  id: 'alipay',
  name: 'Alipay',
  vendor: 'Ant Group',
  domains: ['alipay.com', 'alipay.cn', 'alipay.com.cn', 'alipaylog.com', 'alipaydns.com'],
  hosts: [],
  reason: notApprovedReason('Alipay'),
} as const satisfies CatalogueApp;

export const alipayProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2-ALI',
      title: 'v2fly domain-list-community: data/alibaba',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/alibaba',
      checked: '2026-12-07',
    },
    EXECUTIVE_ORDER_13971,
    /* @__PURE__ */ texasList('prohibited list names Alipay'),
  ],
  notBlocked: [
    {
      host: 'alipayobjects.com',
      why: 'Ant Group\'s static CDN: gw.alipayobjects.com serves Ant Design\'s icons, fonts and scripts to countless sites that have nothing to do with Alipay.',
    },
    {
      host: 'alipayplus.com',
      why: 'Alipay+, the cross-border payment network merchants and other wallets use; not the Alipay app.',
    },
    {
      host: 'alipay.hk',
      why: 'AlipayHK, a separate wallet operated in Hong Kong.',
    },
    {
      host: 'alipaymo.com',
      why: 'Alipay in Macau, a separate local wallet.',
    },
    {
      host: 'alipay-eco.com',
      why: 'Alipay\'s ecosystem partner site; no sign the app needs it.',
    },
    {
      host: 'taobao.com',
      why: 'Taobao is Alibaba\'s shop, not Alipay (AliExpress likewise).',
    },
    {
      host: 'antgroup.com',
      why: 'Ant Group\'s corporate site.',
    },
  ],
  reviewed: '2026-12-07',
};
