/**
 * The built-in catalogue with its provenance (sources, per-domain citations, exclusions, review
 * dates), for the CLI, docs tooling and tests. The extension imports `index.ts` only.
 */
import { camscannerProvenance } from './apps/camscanner.ts';
import { capcutProvenance } from './apps/capcut.ts';
import { deepseekProvenance } from './apps/deepseek.ts';
import { doubaoProvenance } from './apps/doubao.ts';
import { douyinProvenance } from './apps/douyin.ts';
import { kasperskyProvenance } from './apps/kaspersky.ts';
import { lemon8Provenance } from './apps/lemon8.ts';
import { rednoteProvenance } from './apps/rednote.ts';
import { sheinProvenance } from './apps/shein.ts';
import { telegramProvenance } from './apps/telegram.ts';
import { temuProvenance } from './apps/temu.ts';
import { tiktokProvenance } from './apps/tiktok.ts';
import { vkProvenance } from './apps/vk.ts';
import { wechatProvenance } from './apps/wechat.ts';
import { wpsProvenance } from './apps/wps.ts';
import { weiboProvenance } from './apps/weibo.ts';
import { qqProvenance } from './apps/qq.ts';
import { alipayProvenance } from './apps/alipay.ts';
import { kimiProvenance } from './apps/kimi.ts';
import { baiduProvenance } from './apps/baidu.ts';
import { CATALOGUE } from './index.ts';
import type { CatalogueEntry, CatalogueProvenance } from './types.ts';

/** Each built-in entry's provenance, by id. */
export const CATALOGUE_PROVENANCE: Readonly<Record<string, CatalogueProvenance>> = {
  tiktok: tiktokProvenance,
  deepseek: deepseekProvenance,
  wechat: wechatProvenance,
  telegram: telegramProvenance,
  temu: temuProvenance,
  shein: sheinProvenance,
  capcut: capcutProvenance,
  lemon8: lemon8Provenance,
  kaspersky: kasperskyProvenance,
  vk: vkProvenance,
  rednote: rednoteProvenance,
  douyin: douyinProvenance,
  doubao: doubaoProvenance,
  camscanner: camscannerProvenance,
  wps: wpsProvenance,
  qq: qqProvenance,
  weibo: weiboProvenance,
  alipay: alipayProvenance,
  baidu: baiduProvenance,
  kimi: kimiProvenance,
};

/** Every built-in entry with its provenance, in `CATALOGUE` order. */
export const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = CATALOGUE.map((app) => {
  const provenance = CATALOGUE_PROVENANCE[app.id];
  if (provenance === undefined) throw new Error(`catalogue entry ${app.id} has no provenance`);
  return { ...app, ...provenance };
});

export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE_ENTRIES.find((entry) => entry.id === id);
}
