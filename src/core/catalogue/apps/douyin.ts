import { texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * Douyin (Beijing Douyin Information Service Co., Ltd. (ByteDance)). Researched 2026-12-07; see docs/catalogue/douyin.md.
 * ByteDance's short-video app for mainland China: a sibling of TikTok, not TikTok. The web app
 * (www.douyin.com), its live WebSocket (webcast*-ws-web-*.douyin.com), share links (iesdouyin.com),
 * the aweme API (amemv.com) and CDNs, plus Douyin Huoshan (抖音火山版), the Douyin-branded video app.
 * Qishui Music and Douyin Pay, from the same company, are left open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app (www.), live-stream WebSocket (webcast*-ws-web-*.douyin.com), APIs
  'douyin.com': ['V2'],
  // CDN
  'douyincdn.com': ['V2'],
  // Images (p3-pc.douyinpic.com)
  'douyinpic.com': ['V2'],
  // Static files of the web app
  'douyinstatic.com': ['V2'],
  // Video on demand
  'douyinvod.com': ['V2'],
  // Live streaming
  'douyinliving.com': ['V2'],
  // Front-end assets
  'douyinfe.com': ['V2'],
  // Campaign pages
  'douyinact.com': ['V2'],
  // Campaign pages
  'douyinact.net': ['V2'],
  // Live streaming (i-prefixed mirror)
  'idouyinliving.com': ['V2'],
  // Images (i-prefixed mirror)
  'idouyinpic.com': ['V2'],
  // Static files (i-prefixed mirror)
  'idouyinstatic.com': ['V2'],
  // Video (i-prefixed mirror)
  'idouyinvod.com': ['V2'],
  // Share links (www.iesdouyin.com/share/...)
  'iesdouyin.com': ['V2'],
  // Share links
  'iesdouyin.net': ['V2'],
  // API (aweme, Douyin's internal name)
  'amemv.com': ['V2'],
  // API
  'amemv.cn': ['V2'],
  // API
  'amemv.net': ['V2'],
  // aweme user-growth endpoints
  'awemeughun.com': ['V2'],
  // aweme user-growth endpoints
  'awemeuglang.com': ['V2'],
  // aweme user-growth endpoints
  'awemeugsoul.com': ['V2'],
  // aweme user-growth endpoints
  'awemeugwave.com': ['V2'],
  // Douyin-named
  'boxdouyin.com': ['V2'],
  // Douyin music promotion
  'douyinmusicpromotion.com': ['V2'],
  // Douyin e-commerce (in-app shop)
  'douyinec.com': ['V2'],
  // Douyin open platform (log-in with Douyin, developer APIs)
  'open-douyin.com': ['V2'],
  // Douyin Huoshan (抖音火山版), the Douyin-branded video and live app
  'huoshan.com': ['V2'],
  // Douyin Huoshan CDN
  'huoshancdn.com': ['V2'],
  // Douyin Huoshan images
  'huoshanimg.com': ['V2'],
  // Douyin Huoshan live
  'huoshanlive.com': ['V2'],
  // Douyin Huoshan static files
  'huoshanstatic.com': ['V2'],
  // Douyin Huoshan video
  'huoshanvod.com': ['V2'],
  // Douyin Huoshan live
  'huoshanzhibo.com': ['V2'],
  // Douyin Huoshan live
  'huoshanzhibo.cn': ['V2'],
  // Douyin Huoshan live
  'huoshanzhibo.net': ['V2'],
  // Douyin Huoshan video
  'huoshanvideo.cn': ['V2'],
  // Douyin Huoshan video
  'huoshanvideo.net': ['V2'],
  // Douyin Huoshan short video
  'huoshanxiaoshipin.cn': ['V2'],
  // Douyin Huoshan short video
  'huoshanxiaoshipin.net': ['V2'],
  // Douyin Huoshan images (i-prefixed mirror)
  'ihuoshanimg.com': ['V2'],
  // Douyin Huoshan live (i-prefixed mirror)
  'ihuoshanlive.com': ['V2'],
  // Douyin Huoshan static (i-prefixed mirror)
  'ihuoshanstatic.com': ['V2'],
  // Douyin Huoshan video (i-prefixed mirror)
  'ihuoshanvod.com': ['V2'],
  // Douyin Huoshan-named
  'woaihuoshan.com': ['V2'],
} as const satisfies Citations<typeof douyin>;

export const douyin = {
  id: 'douyin',
  name: 'Douyin',
  vendor: 'Beijing Douyin Information Service Co., Ltd. (ByteDance)',
  domains: ['douyin.com', 'douyincdn.com', 'douyinpic.com', 'douyinstatic.com', 'douyinvod.com', 'douyinliving.com', 'douyinfe.com', 'douyinact.com', 'douyinact.net', 'idouyinliving.com', 'idouyinpic.com', 'idouyinstatic.com', 'idouyinvod.com', 'iesdouyin.com', 'iesdouyin.net', 'amemv.com', 'amemv.cn', 'amemv.net', 'awemeughun.com', 'awemeuglang.com', 'awemeugsoul.com', 'awemeugwave.com', 'boxdouyin.com', 'douyinmusicpromotion.com', 'douyinec.com', 'open-douyin.com', 'huoshan.com', 'huoshancdn.com', 'huoshanimg.com', 'huoshanlive.com', 'huoshanstatic.com', 'huoshanvod.com', 'huoshanzhibo.com', 'huoshanzhibo.cn', 'huoshanzhibo.net', 'huoshanvideo.cn', 'huoshanvideo.net', 'huoshanxiaoshipin.cn', 'huoshanxiaoshipin.net', 'ihuoshanimg.com', 'ihuoshanlive.com', 'ihuoshanstatic.com', 'ihuoshanvod.com', 'woaihuoshan.com'],
  hosts: [],
  reason: notApprovedReason('Douyin'),
} as const satisfies CatalogueApp;

export const douyinProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/douyin',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/douyin',
      checked: '2026-12-07',
    },
    /* @__PURE__ */ texasList('prohibited list names ByteDance Ltd. and its subsidiaries'),
  ],
  notBlocked: [
    {
      host: 'qishui.com',
      why: 'Qishui Music (汽水音乐), a separate music app from Douyin\'s company; ban it separately if required.',
    },
    {
      host: 'qishui.cn',
      why: 'Qishui Music, a separate music app (see qishui.com).',
    },
    {
      host: 'qishui.com.cn',
      why: 'Qishui Music, a separate music app (see qishui.com).',
    },
    {
      host: 'qishuimusic.cn',
      why: 'Qishui Music, a separate music app (see qishui.com).',
    },
    {
      host: 'qishuimusic.com.cn',
      why: 'Qishui Music, a separate music app (see qishui.com).',
    },
    {
      host: 'douyinpay.com',
      why: 'Douyin Pay, a payment service merchants rely on (ulpay.com likewise), as VK Pay in the VK entry; ban it with a signed list if required.',
    },
    {
      host: 'ulpay.com',
      why: 'Douyin Pay\'s payment processing (see douyinpay.com).',
    },
    {
      host: 'duoshan.com',
      why: 'Duoshan, a separate (discontinued) messaging app from Douyin\'s company.',
    },
    {
      host: 'hypercachenode.com',
      why: 'ByteDance cache-node names (supercachenet.com, supercachenode.com, ultracachenode.com likewise) whose scope no source documents; they may serve other ByteDance products. Left out.',
    },
    {
      host: 'supercachenet.com',
      why: 'See hypercachenode.com.',
    },
    {
      host: 'supercachenode.com',
      why: 'See hypercachenode.com.',
    },
    {
      host: 'ultracachenode.com',
      why: 'See hypercachenode.com.',
    },
    {
      host: 'lifexue.com',
      why: 'Douyin local-services training site for merchants, not the app.',
    },
    {
      host: 'kolbuyer.cn',
      why: 'An advertising-buyer site for marketers, not the app.',
    },
    {
      host: 'activity-wbsj.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'aihst8.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'betastar.cn',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'cookicut.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'huoshangroup.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'huoshanparty.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'huoshante8.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'ieshuodong.cn',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'ieshuodong.net',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'ihst8.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'nextvid.net',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'ppkankan01.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'wohst8.com',
      why: 'Listed by v2fly with Douyin\'s company (ICP 京ICP备16016397号) but no page or source shows what it serves to users of the Douyin app; left out rather than guessed.',
    },
    {
      host: 'snssdk.com',
      why: 'ByteDance SDK endpoints used by many of its apps (the TikTok entry leaves it open too).',
    },
    {
      host: 'bytedance.com',
      why: 'Corporate site and shared services for every ByteDance product.',
    },
    {
      host: 'tiktok.com',
      why: 'TikTok is a separate entry (douyin.com and tiktok.com are siblings; enable both to block both).',
    },
  ],
  reviewed: '2026-12-07',
};
