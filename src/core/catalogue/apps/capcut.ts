import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * CapCut (ByteDance; Lemon Inc.). Researched 2026-11-28; see docs/catalogue/capcut.md.
 * CapCut is a sibling of TikTok, not part of it: its own domains for the web editor (capcut.com,
 * including dreamina.capcut.com), app API (capcutapi.com / .us), CDNs (capcutcdn*.com,
 * capcutstatic.com) and one installer host on ByteDance's shared Faceu/Ulike/CapCut CDN.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web editor, login, commerce and Dreamina (dreamina.capcut.com) [GEO][OBS-API][BREW]
  'capcut.com': ['GEO', 'OBS-API', 'BREW'],
  'capcut.net': ['GEO'],
  // App and editor API (edit-api-sg., feed-api., imagex-normal-sg.capcutapi.com) [GEO][OBS-API]
  'capcutapi.com': ['GEO', 'OBS-API'],
  // US API, telemetry and uploads (mcs16-/mon16-/imagex16-normal-us-ttp.capcutapi.us) [OBS-US]
  'capcutapi.us': ['OBS-US'],
  // Media CDNs (p16-*.capcutcdn-us.com, sf16-web-tos-buz.capcutcdn-us.com installers) [OBS-CDN]
  'capcutcdn.com': ['OBS-CDN'],
  'capcutcdn-us.com': ['OBS-CDN'],
  // Web bundles, login pages and desktop installers (sf16-web-*.capcutstatic.com) [OBS-STATIC]
  'capcutstatic.com': ['OBS-STATIC'],

  // Hosts: single names on infrastructure shared with others
  // macOS installer, on ByteDance's CDN shared with Faceu and Ulike [BREW]
  'lf16-capcut.faceulv.com': ['BREW'],
} as const satisfies Citations<typeof capcut>;

export const capcut = {
  id: 'capcut',
  name: 'CapCut',
  vendor: 'ByteDance',
  domains: [
    'capcut.com', 'capcut.net', 'capcutapi.com', 'capcutapi.us', 'capcutcdn.com', 'capcutcdn-us.com',
    'capcutstatic.com',
  ],
  hosts: ['lf16-capcut.faceulv.com'],
  reason: notApprovedReason('CapCut'),
} as const satisfies CatalogueApp;

export const capcutProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'GEO',
      title: 'grrhuipp/geodata (v2fly format): data/capcut',
      url: 'https://github.com/grrhuipp/geodata/blob/HEAD/data/capcut',
      checked: '2026-11-28',
    },
    {
      key: 'BREW',
      title: 'Homebrew cask capcut (installer at lf16-capcut.faceulv.com, homepage www.capcut.com)',
      url: 'https://github.com/Homebrew/homebrew-cask/blob/HEAD/Casks/c/capcut.rb',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-API',
      title: 'GitHub code search: capcutapi (CapCut web and desktop API hosts seen in public integrations)',
      url: 'https://github.com/search?q=%22capcutapi.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-US',
      title: 'GitHub code search: capcutapi.us (CapCut and Dreamina US API, telemetry and upload hosts)',
      url: 'https://github.com/search?q=%22capcutapi.us%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-CDN',
      title: 'GitHub code search: capcutcdn-us.com (CapCut media and installer URLs; a US host list in decompiled TikTok app code)',
      url: 'https://github.com/search?q=%22capcutcdn-us.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-STATIC',
      title: 'GitHub code search: capcutstatic.com (CapCut web bundles and desktop installers)',
      url: 'https://github.com/search?q=%22capcutstatic.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (ByteDance Ltd. and any subsidiary or affiliate)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'tiktok.com',
      why: 'TikTok is a separate catalogue entry; enabling CapCut does not block TikTok, nor the reverse.',
    },
    {
      host: 'jianying.com',
      why: 'Jianying is CapCut\'s separate edition for mainland China (as Douyin is to TikTok); ban it separately if required.',
    },
    {
      host: 'faceulv.com',
      why: 'ByteDance CDN shared with the Faceu and Ulike camera apps; only the CapCut installer host lf16-capcut.faceulv.com is blocked.',
    },
    {
      host: 'byteoversea.com',
      why: 'ByteDance\'s shared overseas infrastructure (also ibytedtos.com, ibyteimg.com, byteimg.com, bytedance.com): see the TikTok entry\'s exclusions.',
    },
    {
      host: 'pipopay.com',
      why: 'ByteDance\'s payment processor (also pipopayment.us), shared with TikTok Shop and other ByteDance products.',
    },
    {
      host: 'capcutcdn-eu.com',
      why: 'Seen only in one user script; left open until a second source confirms it.',
    },
  ],
  reviewed: '2026-12-07',
};
