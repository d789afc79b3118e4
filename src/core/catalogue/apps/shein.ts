import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * SHEIN (Roadget Business / SHEIN Group). Researched 2026-11-28; see docs/catalogue/shein.md.
 * The shop and its API live under shein.com and the regional shein.* sites. SHEIN's static CDN,
 * ltwebstatic.com, also serves its sister brands (ROMWE and others): only the SHEIN host AdGuard
 * names there is blocked.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Shop (www., us., m.), API (api-service.shein.com), seller and affiliate sites [AG][GEO]
  'shein.com': ['AG', 'GEO'],
  // Regional shops [AG]
  'shein.co.uk': ['AG'],
  'shein.se': ['AG'],

  // Hosts: single names on infrastructure shared with others
  // SHEIN web bundles on the group's shared static CDN [AG]
  'sheinsz.ltwebstatic.com': ['AG'],
} as const satisfies Citations<typeof shein>;

export const shein = {
  id: 'shein',
  name: 'SHEIN',
  vendor: 'SHEIN Group',
  domains: ['shein.com', 'shein.co.uk', 'shein.se'],
  hosts: ['sheinsz.ltwebstatic.com'],
  reason: notApprovedReason('SHEIN'),
} as const satisfies CatalogueApp;

export const sheinProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/shein.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/shein.yml',
      checked: '2026-12-07',
    },
    {
      key: 'GEO',
      title: 'grrhuipp/geodata (v2fly format): data/shein',
      url: 'https://github.com/grrhuipp/geodata/blob/HEAD/data/shein',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'FOX 7 Austin: Texas adds Shein and PDD (Temu) to its prohibited technologies list (2026-01-26)',
      url: 'https://www.fox7austin.com/news/texas-bans-popular-chinese-apps-including-shein-temu-state-issued',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'ltwebstatic.com',
      why: 'SHEIN Group\'s static CDN, shared with its sister brands; only sheinsz.ltwebstatic.com is blocked. img.ltwebstatic.com (product images) is left open pending review of whether it is SHEIN-only.',
    },
    {
      host: 'romwe.com',
      why: 'ROMWE is a separate shop of the SHEIN group; ban it separately if required.',
    },
    {
      host: 'sheingroup.com',
      why: 'Corporate and investor site, not the shop; on no source list.',
    },
    {
      host: 'paypal.com',
      why: 'Payment providers used at checkout (PayPal, Klarna, Afterpay, card processors) serve countless other merchants.',
    },
  ],
  reviewed: '2026-12-07',
};
