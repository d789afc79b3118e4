import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * TikTok (ByteDance). Researched 2026-11-28; see docs/catalogue/tiktok.md.
 *
 * Each domain and host below lists the keys of the sources (in `tiktokProvenance.sources`) that name
 * it: AdGuard (AG), NextDNS (ND), v2fly (V2) and four v2fly-format forks (V2F-*), blackmatrix7 (BM),
 * HaGeZi's two TikTok lists (HZ, HZ-X), TikTok's developer and ads documentation (DEV-*, ADS-API,
 * PIXEL) and TikTok Shop integration guides (SHOP-*).
 *
 * `domains` are registrable domains that only TikTok uses; each covers all of its subdomains.
 * `hosts` are TikTok-only names on infrastructure that others share (ByteDance's common CDNs and
 * DNS, Akamai, Fastly, Cloudflare and smaller CDNs); each covers only that name and names below it.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Main site and web app (www, m, vm/vt short links, login, ads, analytics/pixel, business-api,
  // seller-*, shop, live, embed.js all sit under tiktok.com)
  'tiktok.com': ['AG', 'ND', 'V2', 'BM', 'DEV-EMBED', 'ADS-API', 'PIXEL'],
  // Other TikTok-owned top-level names
  'tiktok.net': ['ND'],
  'tiktok.in': ['ND'],
  // Regional variants: EU / rest-of-world / US service names
  'tiktok-eu.net': ['ND'],
  'tiktok-row.net': ['ND'],
  'tiktok-us.net': ['ND'],
  // App and web API, incl. regional API (useast5/useast8 US, no1a/ie EU)
  'tiktokv.com': ['AG', 'ND', 'V2', 'BM', 'HZ', 'HZ-X'],
  'tiktokv.us': ['ND', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2', 'HZ', 'HZ-X'], // US
  'tiktokv.eu': ['ND', 'V2F-HY', 'V2F-GR', 'V2F-D2', 'HZ', 'HZ-X'], // EU
  'tiktokw.us': ['ND', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2', 'HZ', 'HZ-X'], // US web API, web security SDK, captcha, pixel IPv6 beacon
  'tiktokw.eu': ['ND', 'V2F-HY', 'V2F-GR', 'V2F-D2', 'HZ', 'HZ-X'], // EU web API and web security SDK
  'tiktokv-us.com': ['HZ', 'HZ-X'], // US telemetry (log-snssdk.*)
  'tiktokv-eu.com': ['HZ-X'], // EU long-connection/telemetry (frontier.*)
  'tik-tokapi.com': ['BM', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2'], // app API
  'tiktokapis.com': ['DEV-TOKEN', 'DEV-LOGIN'], // Open API: Login Kit, Display API, Content Posting (open.tiktokapis.com)
  'tiktokd.net': ['BM', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2'],
  'tiktokd.org': ['ND', 'BM', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2'],
  // CDN: video, images, web bundles
  'tiktokcdn.com': ['AG', 'ND', 'V2', 'BM'],
  'tiktokcdn-us.com': ['AG', 'ND', 'BM', 'V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2'], // US
  'tiktokcdn-eu.com': ['ND', 'V2F-HY', 'V2F-GR', 'V2F-D2'], // EU
  'tiktokcdn-eu.net': ['ND'], // EU
  'tiktokcdn-in.com': ['ND'], // India
  'tiktokeu-cdn.com': ['ND', 'V2F-HY', 'V2F-GR'], // EU
  'tiktokrow-cdn.com': ['ND', 'V2F-HY', 'V2F-GR'], // rest of world
  'tiktoklb.eu': ['ND'], // EU load balancing
  'ttoverseaus.net': ['V2F-HY', 'V2F-GR'], // US regional delivery
  // Static assets: web app, login and legal pages (sf16-website-login.neutral.ttwstatic.com...)
  'ttwstatic.com': ['V2F-AS', 'V2F-HY', 'V2F-GR', 'V2F-D2'],
  'tiktokstaticb.com': ['ND'],
  // Live streaming (pull-*/push-* stream hosts)
  'ttlivecdn.com': ['AG', 'ND', 'V2F-HY', 'V2F-GR', 'V2F-D2'],
  // Shop: storefront, Partner Center, Open API, seller centres
  'tiktokshop.com': ['ND', 'SHOP-A2C'], // partner.tiktokshop.com, services.tiktokshop.com
  'tiktok-shops.com': ['SHOP-A2C'], // auth.tiktok-shops.com (Shop OAuth)
  'tiktokglobalshop.com': ['SHOP-TRAY'], // open-api.tiktokglobalshop.com, seller.tiktokglobalshop.com
  'tiktokglobalshopv.com': ['ND', 'V2F-GR'],
  'tiktokshopglobalselling.com': ['V2F-GR'], // cross-border seller centre
  // Advertising network run under the TikTok brand in the US (Pangle)
  'tiktokpangle.us': ['ND'],
  'tiktokpangle-b.us': ['ND'],
  'tiktokpangle-cdn-us.com': ['ND'],
  // TikTok Minis (mini apps / mini games inside TikTok)
  'tiktok-minis.com': ['DEV-MINIS', 'V2F-GR'], // connect.tiktok-minis.com/drama/sdk.js
  'tiktokminis.us': ['V2F-GR'],
  // TikTok Music (service closed in 2024; domain is TikTok's alone)
  'tiktokmusic.app': ['V2F-D2'],
  // Legacy musical.ly (TikTok's predecessor; still used by API hosts and media CDN)
  'musical.ly': ['AG', 'ND', 'V2', 'BM'],
  'muscdn.com': ['AG', 'ND', 'V2', 'BM'],
  // Analytics, telemetry, pixel and embeds are not separate domains: analytics.tiktok.com (TikTok
  // Pixel events.js), business-api.tiktok.com, www.tiktok.com/embed.js, mon/log/mcs/mssdk hosts are
  // under tiktok.com, tiktokv.*, tiktokw.* and tiktokv-*.com above.

  // Hosts: single names on infrastructure shared with others
  // CDN image host on Akamai
  'p16-tiktokcdn-com.akamaized.net': ['AG', 'ND', 'V2', 'BM'],
  // TikTok avatar/cover hosts on ByteDance's shared image CDN ibyteimg.com: the names that
  // AdGuard's `p16-tiktok-*.ibyteimg.com` rule matches (DNR cannot express that wildcard)
  'p16-tiktok-va.ibyteimg.com': ['AG'],
  'p16-tiktok-va-h2.ibyteimg.com': ['AG'],
  'p16-tiktok-sg.ibyteimg.com': ['AG'],
  'p16-tiktok-sign-va-h2.ibyteimg.com': ['AG'],
  // Telemetry on ByteDance's shared overseas domain byteoversea.net
  'log-tiktok.byteoversea.net': ['HZ', 'HZ-X'],
  'mcs-tiktok.byteoversea.net': ['HZ', 'HZ-X'],
  // Live streaming edge on ByteDance's shared CDN
  'ttlivecdn.com.c.bytefcdn-oversea.com': ['AG'],
  // TikTok-only edge names (CNAME targets) on ByteDance's shared CDN/DNS domains. A browser rarely
  // asks for these directly, but blocking them closes the "use the edge name" route.
  'tiktokcdn.com.c.bytefcdn-oversea.com': ['ND'],
  'tiktokrow-cdn.com.c.bytefcdn-oversea.com': ['ND'],
  'tiktokv.com.c.bytefcdn-oversea.com': ['ND'],
  'tiktokcdn.com.c.bytefcdn-ttpeu.com': ['ND'],
  'tiktokcdn-eu.com.c.bytefcdn-ttpeu.com': ['ND'],
  'tiktokeu-cdn.com.c.bytefcdn-ttpeu.com': ['ND'],
  'tiktokcdn.com.c.bytetcdn.com': ['ND'],
  'tiktok.com.ttdns2.com': ['ND'],
  'tiktokcdn.com.ttdns2.com': ['ND'],
  'tiktokv.com.ttdns2.com': ['ND'],
  'tiktokcdn-eu.com.ttdns3.com': ['ND'],
  'tiktokv.eu.ttdns3.com': ['ND'],
  'frontier.tiktokv-eu.com.ttdns3.com': ['HZ-X'],
  // TikTok-only edge names on Akamai (akamaized.net, edgesuite.net, edgekey.net, akadns.net)
  'muscdn.com.akamaized.net': ['ND'],
  'tiktokcdn.com.akamaized.net': ['ND'],
  'tiktokcdn-eu.com.akamaized.net': ['ND'],
  'tiktokcdn-us.com.akamaized.net': ['ND'],
  'tiktokv.com.akamaized.net': ['ND'],
  'tiktok.com.edgesuite.net': ['ND'],
  'tiktokcdn.com.edgesuite.net': ['ND'],
  'tiktokcdn-eu.com.edgesuite.net': ['ND'],
  'tiktokcdn-us.com.edgesuite.net': ['ND', 'HZ', 'HZ-X'],
  'tiktokstaticb.com.edgesuite.net': ['ND'],
  'tiktokv.com.edgesuite.net': ['ND'],
  'tiktokv.eu.edgesuite.net': ['ND', 'HZ-X'],
  'tiktokv.us.edgesuite.net': ['ND', 'HZ-X'],
  'tiktokw.us.edgesuite.net': ['ND'],
  'frontier.tiktokv-eu.com.edgesuite.net': ['HZ-X'],
  'tiktokv.com.edgekey.net': ['ND', 'HZ', 'HZ-X'],
  'tiktok.com.bytedance.akadns.net': ['ND'],
  'tiktok.com.bytewlb.akadns.net': ['ND'],
  'tiktokv.com.bytewlb.akadns.net': ['ND'],
  'tiktokcdn.com.bytegeo.akadns.net': ['ND'],
  // TikTok-only edge names on Fastly, Cloudflare, Tencent Cloud and smaller CDNs
  'tiktok.bytedance.map.fastly.net': ['ND'],
  'tiktokv.com.cdn.cloudflare.net': ['ND'],
  'tiktokcdn.liveplay.myqcloud.com': ['ND'],
  'tiktok.mncdn.com': ['ND'],
  'tiktokcdn.com.abc-jns.swiftserve.com': ['ND'],
  'tiktokcdn.com.jns3.swiftserve.com': ['ND'],
  'tiktokcdn.com.atomile.com': ['ND'],
  'tiktokcdn-us.com.atomile.com': ['ND'],
  'tiktokcdn.com.c.worldfcdn.com': ['ND'],
  'tiktokcdn-us.com.c.worldfcdn2.com': ['ND'],
  'tiktokv.com.c.worldfcdn2.com': ['ND'],
  'tiktokcdn.com.cdn20.com': ['ND'],
  'tiktokcdn.com.ecdnx.com': ['ND'],
  'tiktokcdn.com.qlivecdn.com': ['ND'],
  'tiktokrow-cdn.com.qlivecdn.com': ['ND'],
  'tiktokcdn.com.queniuaa.com': ['ND'],
  'tiktokcdn.com.rocket-cdn.com': ['ND'],
  'tiktokrow-cdn.com.rocket-cdn.com': ['ND'],
  'tiktokcdn.com.tlivepush.com': ['ND'],
  'tiktokcdn.com.wsdvs.com': ['ND'],
  'tiktokrow-cdn.com.wsdvs.com': ['ND'],
} as const satisfies Citations<typeof tiktok>;

export const tiktok = {
  id: 'tiktok',
  name: 'TikTok',
  vendor: 'ByteDance',
  domains: [
    'tiktok.com', 'tiktok.net', 'tiktok.in', 'tiktok-eu.net', 'tiktok-row.net', 'tiktok-us.net', 'tiktokv.com',
    'tiktokv.us', 'tiktokv.eu', 'tiktokw.us', 'tiktokw.eu', 'tiktokv-us.com', 'tiktokv-eu.com',
    'tik-tokapi.com', 'tiktokapis.com', 'tiktokd.net', 'tiktokd.org', 'tiktokcdn.com', 'tiktokcdn-us.com',
    'tiktokcdn-eu.com', 'tiktokcdn-eu.net', 'tiktokcdn-in.com', 'tiktokeu-cdn.com', 'tiktokrow-cdn.com',
    'tiktoklb.eu', 'ttoverseaus.net', 'ttwstatic.com', 'tiktokstaticb.com', 'ttlivecdn.com', 'tiktokshop.com',
    'tiktok-shops.com', 'tiktokglobalshop.com', 'tiktokglobalshopv.com', 'tiktokshopglobalselling.com',
    'tiktokpangle.us', 'tiktokpangle-b.us', 'tiktokpangle-cdn-us.com', 'tiktok-minis.com', 'tiktokminis.us',
    'tiktokmusic.app', 'musical.ly', 'muscdn.com',
  ],
  hosts: [
    'p16-tiktokcdn-com.akamaized.net', 'p16-tiktok-va.ibyteimg.com', 'p16-tiktok-va-h2.ibyteimg.com',
    'p16-tiktok-sg.ibyteimg.com', 'p16-tiktok-sign-va-h2.ibyteimg.com', 'log-tiktok.byteoversea.net',
    'mcs-tiktok.byteoversea.net', 'ttlivecdn.com.c.bytefcdn-oversea.com',
    'tiktokcdn.com.c.bytefcdn-oversea.com', 'tiktokrow-cdn.com.c.bytefcdn-oversea.com',
    'tiktokv.com.c.bytefcdn-oversea.com', 'tiktokcdn.com.c.bytefcdn-ttpeu.com',
    'tiktokcdn-eu.com.c.bytefcdn-ttpeu.com', 'tiktokeu-cdn.com.c.bytefcdn-ttpeu.com',
    'tiktokcdn.com.c.bytetcdn.com', 'tiktok.com.ttdns2.com', 'tiktokcdn.com.ttdns2.com',
    'tiktokv.com.ttdns2.com', 'tiktokcdn-eu.com.ttdns3.com', 'tiktokv.eu.ttdns3.com',
    'frontier.tiktokv-eu.com.ttdns3.com', 'muscdn.com.akamaized.net', 'tiktokcdn.com.akamaized.net',
    'tiktokcdn-eu.com.akamaized.net', 'tiktokcdn-us.com.akamaized.net', 'tiktokv.com.akamaized.net',
    'tiktok.com.edgesuite.net', 'tiktokcdn.com.edgesuite.net', 'tiktokcdn-eu.com.edgesuite.net',
    'tiktokcdn-us.com.edgesuite.net', 'tiktokstaticb.com.edgesuite.net', 'tiktokv.com.edgesuite.net',
    'tiktokv.eu.edgesuite.net', 'tiktokv.us.edgesuite.net', 'tiktokw.us.edgesuite.net',
    'frontier.tiktokv-eu.com.edgesuite.net', 'tiktokv.com.edgekey.net', 'tiktok.com.bytedance.akadns.net',
    'tiktok.com.bytewlb.akadns.net', 'tiktokv.com.bytewlb.akadns.net', 'tiktokcdn.com.bytegeo.akadns.net',
    'tiktok.bytedance.map.fastly.net', 'tiktokv.com.cdn.cloudflare.net', 'tiktokcdn.liveplay.myqcloud.com',
    'tiktok.mncdn.com', 'tiktokcdn.com.abc-jns.swiftserve.com', 'tiktokcdn.com.jns3.swiftserve.com',
    'tiktokcdn.com.atomile.com', 'tiktokcdn-us.com.atomile.com', 'tiktokcdn.com.c.worldfcdn.com',
    'tiktokcdn-us.com.c.worldfcdn2.com', 'tiktokv.com.c.worldfcdn2.com', 'tiktokcdn.com.cdn20.com',
    'tiktokcdn.com.ecdnx.com', 'tiktokcdn.com.qlivecdn.com', 'tiktokrow-cdn.com.qlivecdn.com',
    'tiktokcdn.com.queniuaa.com', 'tiktokcdn.com.rocket-cdn.com', 'tiktokrow-cdn.com.rocket-cdn.com',
    'tiktokcdn.com.tlivepush.com', 'tiktokcdn.com.wsdvs.com', 'tiktokrow-cdn.com.wsdvs.com',
  ],
  reason: notApprovedReason('TikTok'),
} as const satisfies CatalogueApp;

export const tiktokProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/tiktok.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/tiktok.yml',
      checked: '2026-12-07',
    },
    {
      key: 'ND',
      title: 'NextDNS services: services/tiktok',
      url: 'https://github.com/nextdns/services/blob/main/services/tiktok',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/tiktok',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/tiktok',
      checked: '2026-12-07',
    },
    {
      key: 'V2-BD',
      title: 'v2fly domain-list-community: data/bytedance (shared ByteDance domains, for exclusions)',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/bytedance',
      checked: '2026-11-28',
    },
    {
      key: 'V2F-AS',
      title: 'Allen-Sven/domain-list-community (v2fly fork): data/tiktok',
      url: 'https://github.com/Allen-Sven/domain-list-community/blob/HEAD/data/tiktok',
      checked: '2026-11-28',
    },
    {
      key: 'V2F-HY',
      title: 'hydraponique/roscomvpn-geosite (v2fly format): data/tiktok',
      url: 'https://github.com/hydraponique/roscomvpn-geosite/blob/HEAD/data/tiktok',
      checked: '2026-11-28',
    },
    {
      key: 'V2F-GR',
      title: 'grrhuipp/geodata (v2fly format): data/tiktok',
      url: 'https://github.com/grrhuipp/geodata/blob/HEAD/data/tiktok',
      checked: '2026-11-28',
    },
    {
      key: 'V2F-D2',
      title: 'd2184/geosite (v2fly format): data/tiktok',
      url: 'https://github.com/d2184/geosite/blob/HEAD/data/tiktok',
      checked: '2026-11-28',
    },
    {
      key: 'BM',
      title: 'blackmatrix7 ios_rule_script: rule/Clash/TikTok/TikTok.list',
      url: 'https://github.com/blackmatrix7/ios_rule_script/blob/master/rule/Clash/TikTok/TikTok.list',
      checked: '2026-11-28',
    },
    {
      key: 'HZ',
      title: "HaGeZi's TikTok Fingerprinting DNS Blocklist (native.tiktok.txt)",
      url: 'https://github.com/hagezi/dns-blocklists/blob/main/domains/native.tiktok.txt',
      checked: '2026-11-28',
    },
    {
      key: 'HZ-X',
      title: "HaGeZi's TikTok Extended Fingerprinting DNS Blocklist (native.tiktok.extended.txt)",
      url: 'https://github.com/hagezi/dns-blocklists/blob/main/domains/native.tiktok.extended.txt',
      checked: '2026-11-28',
    },
    {
      key: 'DEV-TOKEN',
      title: 'TikTok for Developers: Manage user access tokens (open.tiktokapis.com)',
      url: 'https://developers.tiktok.com/doc/oauth-user-access-token-management',
      checked: '2026-11-28',
    },
    {
      key: 'DEV-LOGIN',
      title: 'TikTok for Developers: Login Kit overview',
      url: 'https://developers.tiktok.com/doc/login-kit-overview/',
      checked: '2026-11-28',
    },
    {
      key: 'DEV-EMBED',
      title: 'TikTok for Developers: Embed Videos (www.tiktok.com/embed.js)',
      url: 'https://developers.tiktok.com/doc/embed-videos/',
      checked: '2026-11-28',
    },
    {
      key: 'DEV-MINIS',
      title: 'TikTok for Developers: TikTok Minis SDK, Get Started (connect.tiktok-minis.com)',
      url: 'https://developers.tiktok.com/docs/zh-Hans/minis-sdk-get-started',
      checked: '2026-11-28',
    },
    {
      key: 'ADS-API',
      title: 'TikTok Ads help: About API for Business (business-api.tiktok.com)',
      url: 'https://ads.tiktok.com/help/article/marketing-api',
      checked: '2026-11-28',
    },
    {
      key: 'PIXEL',
      title: 'nuxt/scripts issue #166: TikTok Pixel base code (analytics.tiktok.com/i18n/pixel/events.js)',
      url: 'https://github.com/nuxt/scripts/issues/166',
      checked: '2026-11-28',
    },
    {
      key: 'SHOP-TRAY',
      title: 'Tray.ai docs: TikTok Shop connector (base URL open-api.tiktokglobalshop.com)',
      url: 'https://docs.tray.ai/connectors/service/tiktok-shop',
      checked: '2026-11-28',
    },
    {
      key: 'SHOP-A2C',
      title: 'API2Cart: How to connect TikTok Shop (partner.tiktokshop.com, auth.tiktok-shops.com)',
      url: 'https://api2cart.com/how-to-connect-tiktok-shop-to-api2cart',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'byteoversea.com',
      why: 'ByteDance overseas backbone (SDK config, logging, captcha/verification) shared with CapCut, Lark and third-party apps using ByteDance SDKs; only TikTok-named hosts are blocked.',
    },
    {
      host: 'byteoversea.net',
      why: 'Shared ByteDance overseas infrastructure; only log-tiktok.byteoversea.net and mcs-tiktok.byteoversea.net are blocked.',
    },
    {
      host: 'ibytedtos.com',
      why: 'ByteDance object storage CDN shared by CapCut, Lark and other ByteDance products.',
    },
    {
      host: 'ibyteimg.com',
      why: 'ByteDance image CDN shared by other ByteDance products; only the p16-tiktok-* hosts are blocked.',
    },
    {
      host: 'byteimg.com',
      why: 'ByteDance image CDN used by Douyin, Toutiao, Lark and others.',
    },
    {
      host: 'pstatp.com',
      why: 'ByteDance static-asset CDN shared across ByteDance products (Lark, Toutiao, Douyin).',
    },
    {
      host: 'ipstatp.com',
      why: 'International ByteDance static-asset CDN shared with CapCut and other ByteDance apps.',
    },
    {
      host: 'sgpstatp.com',
      why: 'Singapore ByteDance static-asset CDN, not TikTok-specific.',
    },
    {
      host: 'snssdk.com',
      why: 'ByteDance app SDK endpoints (logging, config, captcha) used by many ByteDance apps and SDKs.',
    },
    {
      host: 'isnssdk.com',
      why: 'International ByteDance SDK endpoints shared across ByteDance apps.',
    },
    {
      host: 'bytedance.com',
      why: 'ByteDance corporate site and shared services for all ByteDance products (Lark, careers, captcha).',
    },
    {
      host: 'bytedapm.com',
      why: 'ByteDance performance-monitoring SDK endpoint embedded in many ByteDance apps.',
    },
    {
      host: 'bytegecko-i18n.com',
      why: 'ByteDance resource-delivery (Gecko) service shared across ByteDance apps.',
    },
    {
      host: 'ttwebview.com',
      why: "ByteDance's TTWebView engine downloads, shared by ByteDance apps.",
    },
    {
      host: 'byteeffecttos-g.com',
      why: 'ByteDance camera-effects SDK CDN, shared with CapCut and other apps using the effects SDK.',
    },
    {
      host: 'pitaya-clientai.com',
      why: 'ByteDance on-device ML SDK package CDN, not TikTok-specific.',
    },
    {
      host: 'capcut.com',
      why: 'CapCut is a separate ByteDance product (capcutapi.com, capcutapi.us likewise); ban it separately if required.',
    },
    {
      host: 'larksuite.com',
      why: 'Lark is a separate ByteDance workplace suite that organisations may use for work.',
    },
    {
      host: 'douyin.com',
      why: 'Douyin is a separate app for mainland China, not TikTok (douyincdn.com, douyinpic.com, douyinstatic.com, douyinvod.com, iesdouyin.com, amemv.com likewise).',
    },
    {
      host: 'huoshan.com',
      why: 'Douyin Huoshan is a separate Chinese ByteDance app, not TikTok (huoshanstatic.com, huoshanzhibo.com likewise).',
    },
    {
      host: 'bytecdn.cn',
      why: 'ByteDance mainland-China CDN shared by Chinese ByteDance products (bdurl.com, zijieapi.com, bytegoofy.com, bytescm.com likewise).',
    },
    {
      host: 'bytedance.map.fastly.net',
      why: 'Shared ByteDance edge on Fastly; only tiktok.bytedance.map.fastly.net is blocked.',
    },
    {
      host: 'bytefcdn-oversea.com',
      why: 'Shared ByteDance CDN (also bytefcdn-ttpeu.com, bytetcdn.com, ttdns2.com, ttdns3.com); only TikTok-named edge hosts are blocked.',
    },
    {
      host: 'akamaized.net',
      why: 'Akamai CDN used by countless sites (edgesuite.net, edgekey.net, akadns.net likewise); only TikTok-named hosts are blocked.',
    },
    {
      host: 'fastly.net',
      why: 'Fastly CDN used by countless sites; only tiktok.bytedance.map.fastly.net is blocked.',
    },
    {
      host: 'cdn.cloudflare.net',
      why: 'Cloudflare edge used by countless sites; only tiktokv.com.cdn.cloudflare.net is blocked.',
    },
    {
      host: 'myqcloud.com',
      why: 'Tencent Cloud, used by many sites; only tiktokcdn.liveplay.myqcloud.com is blocked.',
    },
    {
      host: 'amemv.com',
      why: 'Douyin\'s API domain (its "aweme" services) in mainland China, not TikTok\'s (AdGuard files it under TikTok).',
    },
    {
      host: 'douyincdn.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'douyinliving.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'douyinpic.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'douyinstatic.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'douyinvod.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'iesdouyin.com',
      why: 'Douyin, ByteDance\'s separate app for mainland China, not TikTok (AdGuard and NextDNS file it under TikTok). Ban it with its own entry if required.',
    },
    {
      host: 'huoshanstatic.com',
      why: 'Huoshan, Douyin\'s sister video and live-streaming app in mainland China, not TikTok (AdGuard files it under TikTok).',
    },
    {
      host: 'huoshanzhibo.com',
      why: 'Huoshan, Douyin\'s sister video and live-streaming app in mainland China, not TikTok (AdGuard files it under TikTok).',
    },
    {
      host: 'bdurl.com',
      why: 'ByteDance infrastructure in mainland China shared by its Chinese products (Douyin, Toutiao, Feishu); AdGuard files it under TikTok, but TikTok\'s web app does not depend on it.',
    },
    {
      host: 'zijieapi.com',
      why: 'ByteDance infrastructure in mainland China shared by its Chinese products (Douyin, Toutiao, Feishu); AdGuard files it under TikTok, but TikTok\'s web app does not depend on it.',
    },
    {
      host: 'bytegoofy.com',
      why: 'ByteDance infrastructure in mainland China shared by its Chinese products (Douyin, Toutiao, Feishu); AdGuard files it under TikTok, but TikTok\'s web app does not depend on it.',
    },
    {
      host: 'bytescm.com',
      why: 'ByteDance infrastructure in mainland China shared by its Chinese products (Douyin, Toutiao, Feishu); AdGuard files it under TikTok, but TikTok\'s web app does not depend on it.',
    },
    {
      host: 'appsflyersdk.com',
      why: 'AppsFlyer\'s attribution SDK domain, shared by thousands of mobile apps. v2fly lists TikTok\'s own AppsFlyer endpoints under it (roovza.*), which only the mobile app calls; a browser never does.',
    },
    {
      host: 'ttcdn-us.com',
      why: 'Listed by v2fly alone; no other source and no page of TikTok\'s shows what it serves. Left out rather than guessed.',
    },
  ],
  referencePatterns: [
    { pattern: '||p16-tiktok-*.ibyteimg.com^', why: 'A wildcard inside a label: browser rules match whole names only. The p16-tiktok-* hosts in use are blocked one by one (hosts), and ibyteimg.com stays open as shared ByteDance infrastructure.' },
    { pattern: '||v*.tiktokcdn-eu.com^', why: 'Covered: tiktokcdn-eu.com is blocked with every name below it.' },
  ],
  reviewed: '2026-12-07',
};
