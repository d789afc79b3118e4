import { EXECUTIVE_ORDER_13971, texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * QQ (Tencent). Researched 2026-12-07; see docs/catalogue/qq.md.
 * Tencent QQ, the messenger, and Qzone, its social space: single hosts under Tencent's shared
 * domain qq.com (QQ's home and download page, groups, Qzone and its static files). qq.com as a whole
 * is Tencent's (QQ Mail, Tencent Video, Docs, news, log-in for many services): never blocked whole.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // QQ's home and download page (im.qq.com)
  'im.qq.com': ['OBS-QQ'],
  // QQ groups on the web
  'qun.qq.com': ['OBS-QQ'],
  // Qzone, QQ's social space (user.qzone.qq.com, h5.qzone.qq.com)
  'qzone.qq.com': ['OBS-QQ'],
  // QQ's in-app web features (ti.qq.com)
  'ti.qq.com': ['OBS-QQ'],
  // QQ web features
  'qqweb.qq.com': ['OBS-QQ'],
  // Qzone's style and script files, on Tencent's shared static CDN
  'qzonestyle.gtimg.cn': ['OBS-QQ'],
  // Qzone static files
  'qzs.qq.com': ['OBS-QQ'],
} as const satisfies Citations<typeof qq>;

export const qq = {
  id: 'qq',
  name: 'QQ',
  vendor: 'Tencent',
  domains: [],
  hosts: ['im.qq.com', 'qun.qq.com', 'qzone.qq.com', 'ti.qq.com', 'qqweb.qq.com', 'qzonestyle.gtimg.cn', 'qzs.qq.com'],
  reason: notApprovedReason('QQ'),
} as const satisfies CatalogueApp;

export const qqProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/qq.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/qq.yml',
      checked: '2026-12-07',
    },
    {
      key: 'OBS-QQ',
      title: 'GitHub code search: im.qq.com, qun.qq.com, qzone.qq.com in proxy rule sets (QQ groups)',
      url: 'https://github.com/search?q=%22qzone.qq.com%22+%22qun.qq.com%22&type=code',
      checked: '2026-12-07',
    },
    EXECUTIVE_ORDER_13971,
    /* @__PURE__ */ texasList('prohibited list names Tencent Holdings Ltd. and QQ Wallet'),
  ],
  notBlocked: [
    {
      host: 'qq.com',
      why: 'Tencent\'s main domain: QQ Mail, Tencent Video, Tencent Docs, news, games, and the log-in pages (ptlogin2.qq.com, xui.ptlogin2.qq.com) shared by many Tencent services, WeChat\'s web pages among them. Only QQ\'s own hosts under it are blocked. AdGuard blocks all of qq.com but WeChat\'s hosts.',
    },
    {
      host: 'url.cn',
      why: 'Tencent\'s short-link service, used across its products (AdGuard lists it under QQ).',
    },
    {
      host: 'cdn-go.cn',
      why: 'Tencent\'s CDN for many products (qq-video.cdn-go.cn serves Tencent Video, which AdGuard lists under QQ).',
    },
    {
      host: 'gtimg.cn',
      why: 'Tencent\'s shared static CDN; only Qzone\'s host (qzonestyle.gtimg.cn) is blocked.',
    },
    {
      host: 'qpay.qq.com',
      why: 'QQ Wallet (payments), named separately by EO 13971: a payment service, left open as the other entries leave payments; ban it with a signed list if required.',
    },
  ],
  referencePatterns: [
    { pattern: '||qq.com^$denyallow=wx.qq.com|weixin.qq.com', why: 'AdGuard blocks all of qq.com except two WeChat hosts. qq.com is Tencent\'s main domain (QQ Mail, Tencent Video, Docs, news, log-in pages shared by many services), so this entry blocks only QQ\'s own hosts under it.' },
  ],
  reviewed: '2026-12-07',
};
