import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Temu (PDD Holdings). Researched 2026-11-28; see docs/catalogue/temu.md.
 * The shop, its API and the seller centre are under temu.com; product images, scripts and seller
 * documentation images are on kwcdn.com (img., aimg., commimg., static., bstatic.kwcdn.com).
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Shop, app API, seller centre (seller.temu.com), partner and agent sites [AG][GEO]
  'temu.com': ['AG', 'GEO'],
  // Temu's CDN: product images, web bundles, seller documentation images [AG][PDD]
  'kwcdn.com': ['AG', 'PDD'],
  // Temu's second CDN name (AdGuard's temu service) [AG]
  'temucdn.com': ['AG'],
} as const satisfies Citations<typeof temu>;

export const temu = {
  id: 'temu',
  name: 'Temu',
  vendor: 'PDD Holdings',
  domains: ['temu.com', 'kwcdn.com', 'temucdn.com'],
  hosts: [],
  reason: notApprovedReason('Temu'),
} as const satisfies CatalogueApp;

export const temuProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/temu.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/temu.yml',
      checked: '2026-12-07',
    },
    {
      key: 'GEO',
      title: 'grrhuipp/geodata (v2fly format): data/temu',
      url: 'https://github.com/grrhuipp/geodata/blob/HEAD/data/temu',
      checked: '2026-11-28',
    },
    {
      key: 'PDD',
      title: 'GitHub code search: kwcdn.com (Temu product image URLs img.kwcdn.com, Temu seller docs on bstatic.kwcdn.com)',
      url: 'https://github.com/search?q=%22img.kwcdn.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'V2P',
      title: 'v2fly domain-list-community: data/pinduoduo (sibling, for the exclusions)',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/pinduoduo',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'FOX 7 Austin: Texas adds PDD (Pinduoduo, Temu) and Shein to its prohibited technologies list (2026-01-26)',
      url: 'https://www.fox7austin.com/news/texas-bans-popular-chinese-apps-including-shein-temu-state-issued',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'pinduoduo.com',
      why: 'Pinduoduo is PDD\'s separate shopping app for mainland China, not Temu (yangkeduo.com, pinduoduo.net, pddpic.com, pddcdn.com likewise); ban it separately if required.',
    },
    {
      host: 'kwaicdn.com',
      why: 'Kuaishou\'s CDN, an unrelated company with a similar-looking name; never matched by kwcdn.com.',
    },
    {
      host: 'paypal.com',
      why: 'Payment providers Temu uses at checkout (PayPal, card processors) serve countless other merchants.',
    },
  ],
  reviewed: '2026-12-07',
};
