import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * CamScanner (INTSIG Information Co., Ltd.). Researched 2026-12-07; see docs/catalogue/camscanner.md.
 * INTSIG's document-scanning app: the web app and its files on camscanner.com. INTSIG's other
 * products (CamCard, Qixinbao) and its shared service domain intsig.net are left open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app (www.camscanner.com), shared documents, APIs and static files
  'camscanner.com': ['V2'],
} as const satisfies Citations<typeof camscanner>;

export const camscanner = {
  id: 'camscanner',
  name: 'CamScanner',
  vendor: 'INTSIG Information Co., Ltd.',
  domains: ['camscanner.com'],
  hosts: [],
  reason: 'CamScanner is not approved for use on work devices under the organisation\'s security policy.',
} as const satisfies CatalogueApp;

export const camscannerProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/intsig',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/intsig',
      checked: '2026-12-07',
    },
    {
      key: 'EO-13971',
      title: 'Executive Order 13971 of 2021-01-05, 86 FR 1249: Alipay, CamScanner, QQ Wallet, SHAREit, Tencent QQ, VMate, WeChat Pay, WPS Office (revoked by EO 14034 in 2021; the state lists keep them)',
      url: 'https://www.federalregister.gov/citation/86-FR-1249',
      checked: '2026-12-07',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (prohibited list names CamScanner)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-12-07',
    },
  ],
  notBlocked: [
    {
      host: 'intsig.com',
      why: 'INTSIG\'s corporate site, for all of its products (CamScanner, CamCard, Qixinbao, its OCR services).',
    },
    {
      host: 'intsig.net',
      why: 'INTSIG\'s service domain, shared by CamScanner, CamCard and the OCR APIs other companies use; no source names CamScanner-only hosts under it.',
    },
    {
      host: 'camcard.com',
      why: 'CamCard, INTSIG\'s business-card app: a sibling, not CamScanner.',
    },
    {
      host: 'qixin.com',
      why: 'Qixinbao (启信宝), INTSIG\'s company-information service: a sibling, not CamScanner.',
    },
  ],
  reviewed: '2026-12-07',
};
