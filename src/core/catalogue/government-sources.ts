/**
 * Government lists that several catalogue entries cite, declared once (their titles name what each
 * entry relies on). Provenance only: never bundled into the extension.
 */
import type { CatalogueSource } from './types.ts';

const TEXAS_URL = 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies';

/** Texas DIR's prohibited technologies list, with what it says about the entry. */
export const texasList = (says: string, checked = '2026-12-07'): CatalogueSource => ({
  key: 'GOV-TX',
  title: `Texas DIR: Covered Applications and Prohibited Technologies (${says})`,
  url: TEXAS_URL,
  checked,
});

/** Executive Order 13971 (2021): the eight Chinese connected applications it named. */
export const EXECUTIVE_ORDER_13971: CatalogueSource = {
  key: 'EO-13971',
  title: 'Executive Order 13971 of 2021-01-05, 86 FR 1249: Alipay, CamScanner, QQ Wallet, SHAREit, Tencent QQ, VMate, WeChat Pay, WPS Office (revoked by EO 14034 in 2021; the state lists keep them)',
  url: 'https://www.federalregister.gov/citation/86-FR-1249',
  checked: '2026-12-07',
};
