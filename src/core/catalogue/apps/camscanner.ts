import { EXECUTIVE_ORDER_13971, texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
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
  reason: notApprovedReason('CamScanner'),
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
    EXECUTIVE_ORDER_13971,
    /* @__PURE__ */ texasList('prohibited list names CamScanner'),
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
