import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Lemon8 (ByteDance). Researched 2026-11-28; see docs/catalogue/lemon8.md.
 * No block list carries Lemon8 yet: its domains are the ones its own links and image URLs use, as
 * seen in public code and proxy rule sets. Some Lemon8 images are served from TikTok's CDN
 * (p16-lemon8-*.tiktokcdn.com); those are blocked only when the TikTok entry is enabled too.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app, profiles and posts (www.), share links (v.lemon8-app.com/s/...), API [OBS-WEB][RULES]
  'lemon8-app.com': ['OBS-WEB', 'RULES'],
  // Image and video CDN (p16-va.lemon8cdn.com, p16-sign-sg.lemon8cdn.com) [OBS-CDN]
  'lemon8cdn.com': ['OBS-CDN'],
} as const satisfies Citations<typeof lemon8>;

export const lemon8 = {
  id: 'lemon8',
  name: 'Lemon8',
  vendor: 'ByteDance',
  domains: ['lemon8-app.com', 'lemon8cdn.com'],
  hosts: [],
  reason: notApprovedReason('Lemon8'),
} as const satisfies CatalogueApp;

export const lemon8Provenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'OBS-WEB',
      title: 'GitHub code search: lemon8-app.com (Lemon8 profile, post and share links)',
      url: 'https://github.com/search?q=%22lemon8-app.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'RULES',
      title: 'GitHub code search: DOMAIN-SUFFIX,lemon8-app.com in proxy rule sets (social-media groups)',
      url: 'https://github.com/search?q=%22DOMAIN-SUFFIX%2Clemon8-app.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'OBS-CDN',
      title: 'GitHub code search: lemon8cdn.com (Lemon8 image URLs p16-va.lemon8cdn.com, p16-sign-sg.lemon8cdn.com)',
      url: 'https://github.com/search?q=%22lemon8cdn.com%22&type=code',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (Lemon8 added 2025-01-31)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'tiktokcdn.com',
      why: 'TikTok\'s CDN (in the TikTok entry) also serves some Lemon8 images (p16-lemon8-*.tiktokcdn.com); a host cannot sit in two entries, so enable TikTok too to block those.',
    },
    {
      host: 'lemon8.com',
      why: 'No source ties it to the Lemon8 app; left alone rather than guessed at.',
    },
    {
      host: 'byteoversea.com',
      why: 'ByteDance\'s shared overseas infrastructure (also ibytedtos.com, ibyteimg.com): see the TikTok entry\'s exclusions.',
    },
  ],
  reviewed: '2026-12-07',
};
