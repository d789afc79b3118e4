import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * WeChat / Weixin (Tencent). Researched 2026-11-28; see docs/catalogue/wechat.md.
 *
 * Tencent runs WeChat beside QQ, Tencent Video, Tencent Maps, Tencent Cloud and many other products on
 * shared registrable domains (qq.com, gtimg.com, qpic.cn, qlogo.cn). Only WeChat's own registrable
 * domains are `domains`; on Tencent's shared domains only WeChat-named hosts are blocked, as `hosts`.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // International site and web client (web.wechat.com) [AG][BM][V2T]
  'wechat.com': ['AG', 'BM', 'V2T'],
  // Chinese-brand domain [BM]
  'weixin.com': ['BM'],
  // JS bridge used by WeChat's in-app browser [AG][BM]
  'weixinbridge.com': ['AG', 'BM'],
  // Legal pages (terms, privacy) [BM]
  'wechatlegal.net': ['BM'],
  // [BM]
  'wechatos.net': ['BM'],
  // WeChat training academy (Weixin Shangxueyuan) [BM]
  'weixinsxy.com': ['BM'],
  // Mini Program pages and services (servicewechat.com/wx...) [BM][V2T]
  'servicewechat.com': ['BM', 'V2T'],

  // Hosts: single names on infrastructure shared with others
  // Weixin home, Official Accounts (mp.), Open Platform and "Sign in with WeChat" (open.), API (api.),
  // merchant portal (pay.) [AG][BM]
  'weixin.qq.com': ['AG', 'BM'],
  // [AG]
  'weixin.qq.com.cn': ['AG'],
  // Web client (wx.qq.com, web long-poll webpush.wx.qq.com), JS-SDK and static files (res.wx.qq.com) [AG][BM]
  'wx.qq.com': ['AG', 'BM'],
  // [BM]
  'wxs.qq.com': ['BM'],
  // WeChat security centre (account appeals and unblocking) [BM]
  'weixin110.qq.com': ['BM'],
  // WeChat static files on Tencent's shared static CDN [BM]
  'wx.gtimg.com': ['BM'],
  // WeChat media on Tencent's shared media CDN (tc.qq.com) [BM]
  'wxapp.tc.qq.com': ['BM'],
  'vweixinthumb.tc.qq.com': ['BM'],
  'vweixinf.tc.qq.com': ['BM'],
  // WeChat login acceleration on Tencent Cloud [BM]
  'apd-pcdnwxlogin.teg.tencent-cloud.net': ['BM'],
} as const satisfies Citations<typeof wechat>;

export const wechat = {
  id: 'wechat',
  name: 'WeChat',
  vendor: 'Tencent',
  domains: [
    'wechat.com', 'weixin.com', 'weixinbridge.com', 'wechatlegal.net', 'wechatos.net', 'weixinsxy.com',
    'servicewechat.com',
  ],
  hosts: [
    'weixin.qq.com', 'weixin.qq.com.cn', 'wx.qq.com', 'wxs.qq.com', 'weixin110.qq.com', 'wx.gtimg.com',
    'wxapp.tc.qq.com', 'vweixinthumb.tc.qq.com', 'vweixinf.tc.qq.com', 'apd-pcdnwxlogin.teg.tencent-cloud.net',
  ],
  reason: notApprovedReason('WeChat'),
} as const satisfies CatalogueApp;

export const wechatProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/wechat.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/wechat.yml',
      checked: '2026-12-07',
    },
    {
      key: 'BM',
      title: 'blackmatrix7 ios_rule_script: rule/Clash/WeChat/WeChat.list',
      url: 'https://github.com/blackmatrix7/ios_rule_script/blob/master/rule/Clash/WeChat/WeChat.list',
      checked: '2026-11-28',
    },
    {
      key: 'V2T',
      title: 'v2fly domain-list-community: data/tencent (Tencent-wide list, also used for the exclusions)',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/tencent',
      checked: '2026-12-07',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (WeChat, WeChat Pay, Tencent)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'qq.com',
      why: 'Tencent\'s main domain, shared by QQ, QQ Mail, Tencent Video, Tencent Docs and others; only WeChat hosts under it (weixin.qq.com, wx.qq.com, wxs.qq.com, weixin110.qq.com, wxapp/vweixinthumb/vweixinf.tc.qq.com) are blocked. QQ is a separate app.',
    },
    {
      host: 'gtimg.com',
      why: 'Tencent\'s shared static CDN (also gtimg.cn); only wx.gtimg.com is blocked.',
    },
    {
      host: 'qpic.cn',
      why: 'Tencent\'s shared image CDN. mmbiz.qpic.cn carries Official Account article images that other sites hot-link; it is left open pending review (see docs/catalogue/wechat.md).',
    },
    {
      host: 'qlogo.cn',
      why: 'Tencent\'s shared avatar CDN for QQ and WeChat (wx.qlogo.cn, thirdwx.qlogo.cn); used by third-party sites that show WeChat or QQ avatars.',
    },
    {
      host: 'wechatpay.com',
      why: 'WeChat Pay is a payment service merchants rely on and a separate item on government lists (wechatpay.cn and tenpay.com likewise); ban it with a signed list if required.',
    },
    {
      host: 'map.qq.com',
      why: 'Tencent Maps and its location service (lbs.gtimg.com), embedded by many Chinese sites; BM lists them only because WeChat uses them.',
    },
    {
      host: 'dldir1.qq.com',
      why: 'Tencent\'s shared download server for all its products (QQ, Tencent Meeting...).',
    },
    {
      host: 'btrace.qq.com',
      why: 'Shared Tencent SDK, telemetry and video hosts that BM lists (wup.imtt.qq.com, soup.v.qq.com, up-hl.3g.qq.com, yun-hl.3g.qq.com) serve other Tencent apps too.',
    },
    {
      host: 'wxcloudrun.com',
      why: 'WeChat Cloud Hosting runs third-party developers\' back ends, which may also serve their own web sites (wxgateway.com, wxlivecdn.com are only on Tencent-wide lists).',
    },
    {
      host: 'iot-tencent.com',
      why: 'Tencent IoT platform, not WeChat-specific (BM lists it).',
    },
    {
      host: 'tencent-cloud.net',
      why: 'Tencent Cloud, used by countless sites; only the WeChat login host apd-pcdnwxlogin.teg.tencent-cloud.net is blocked (myqcloud.com likewise unblocked).',
    },
  ],
  reviewed: '2026-12-07',
};
