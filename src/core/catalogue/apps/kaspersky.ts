import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Kaspersky (AO Kaspersky Lab). Researched 2026-11-28; see docs/catalogue/kaspersky.md.
 *
 * kaspersky.com carries the sites, accounts (my.kaspersky.com), downloads, activation
 * (activation-v2.kaspersky.com) and update servers (sNN.upd.kaspersky.com, downloads.upd.kaspersky.com);
 * kaspersky-labs.com carries Kaspersky Security Network (ksn-*.kaspersky-labs.com), update
 * management (cm.k.kaspersky-labs.com) and the script Kaspersky's web protection injects into pages
 * (gc.kis.v2.scr.kaspersky-labs.com). The regional storefronts are the vendor's own names.
 *
 * Update servers: Cordon acts in the browser only. Kaspersky products already installed fetch their
 * updates outside the browser, so blocking these names here neither stops nor protects them: it stops
 * the browser downloading installers, updates or offline bases, and reaching KSN and the portal.
 * Remaining installs must be removed through endpoint management.
 */
const GLOBAL = ['kaspersky.com', 'kaspersky-labs.com'] as const;

// Regional storefronts ("Global Showcase" in v2fly data/kaspersky). [V2]
const REGIONAL = [
  'kaspersky.be', 'kaspersky.ca', 'kaspersky.co.in', 'kaspersky.co.jp', 'kaspersky.co.kr', 'kaspersky.co.th',
  'kaspersky.co.uk', 'kaspersky.co.za', 'kaspersky.com.au', 'kaspersky.com.br', 'kaspersky.com.cn',
  'kaspersky.com.hk', 'kaspersky.com.pl', 'kaspersky.com.tr', 'kaspersky.com.tw', 'kaspersky.com.vn',
  'kaspersky.cz', 'kaspersky.de', 'kaspersky.dk', 'kaspersky.dz', 'kaspersky.es', 'kaspersky.fi', 'kaspersky.fr',
  'kaspersky.gr', 'kaspersky.it', 'kaspersky.kz', 'kaspersky.ma', 'kaspersky.my', 'kaspersky.nl', 'kaspersky.pt',
  'kaspersky.ro', 'kaspersky.rs', 'kaspersky.ru', 'kaspersky.se',
] as const;

/** Every domain, with the keys of the sources that name it. */
const CITATIONS = {
  // Sites, My Kaspersky, downloads, activation and update servers [V2][KES][KSK]
  'kaspersky.com': ['V2', 'KES', 'KSK'],
  // KSN, update management, web-protection script [V2][KES][KSK]
  'kaspersky-labs.com': ['V2', 'KES', 'KSK'],
  // Regional storefronts [V2]
  'kaspersky.be': ['V2'], 'kaspersky.ca': ['V2'], 'kaspersky.co.in': ['V2'], 'kaspersky.co.jp': ['V2'],
  'kaspersky.co.kr': ['V2'], 'kaspersky.co.th': ['V2'], 'kaspersky.co.uk': ['V2'], 'kaspersky.co.za': ['V2'],
  'kaspersky.com.au': ['V2'], 'kaspersky.com.br': ['V2'], 'kaspersky.com.cn': ['V2'],
  'kaspersky.com.hk': ['V2'], 'kaspersky.com.pl': ['V2'], 'kaspersky.com.tr': ['V2'],
  'kaspersky.com.tw': ['V2'], 'kaspersky.com.vn': ['V2'], 'kaspersky.cz': ['V2'], 'kaspersky.de': ['V2'],
  'kaspersky.dk': ['V2'], 'kaspersky.dz': ['V2'], 'kaspersky.es': ['V2'], 'kaspersky.fi': ['V2'],
  'kaspersky.fr': ['V2'], 'kaspersky.gr': ['V2'], 'kaspersky.it': ['V2'], 'kaspersky.kz': ['V2'],
  'kaspersky.ma': ['V2'], 'kaspersky.my': ['V2'], 'kaspersky.nl': ['V2'], 'kaspersky.pt': ['V2'],
  'kaspersky.ro': ['V2'], 'kaspersky.rs': ['V2'], 'kaspersky.ru': ['V2'], 'kaspersky.se': ['V2'],
} as const satisfies Citations<typeof kaspersky>;

export const kaspersky = {
  id: 'kaspersky',
  name: 'Kaspersky',
  vendor: 'AO Kaspersky Lab',
  domains: [...GLOBAL, ...REGIONAL],
  hosts: [],
  reason: notApprovedReason('Kaspersky software'),
} as const satisfies CatalogueApp;

export const kasperskyProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/kaspersky',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/kaspersky',
      checked: '2026-12-07',
    },
    {
      key: 'KES',
      title: 'Kaspersky Endpoint Security 11.6 for Windows: network settings for interaction with external services',
      url: 'https://support.kaspersky.com/KESWin/11.6.0/de-DE/202507.htm',
      checked: '2026-11-28',
    },
    {
      key: 'KSK',
      title: 'Kaspersky Safe Kids for Windows: network settings (update, activation and KSN hosts)',
      url: 'https://support.kaspersky.com/help/KSK/Win23.0/pt-PT/237222.htm',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (Kaspersky)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-UA',
      title: 'Meduza: Ukraine\'s 2017 sanctions decree blocks VK, Yandex and the sites of Kaspersky and DrWeb',
      url: 'https://meduza.io/en/news/2017/05/16/ukraine-blocks-access-to-russian-websites-yandex-vk-and-odnoklassniki',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'securelist.com',
      why: 'Kaspersky\'s threat-research blog, read by security teams; reading research is not using the software. Add it with a signed list if policy says otherwise.',
    },
    {
      host: 'drweb.com',
      why: 'Dr.Web is another vendor; government lists that name Kaspersky do not always name it.',
    },
    {
      host: 'virustotal.com',
      why: 'Multi-engine scanners that include Kaspersky\'s engine among others are other vendors\' services.',
    },
  ],
  reviewed: '2026-12-07',
};
