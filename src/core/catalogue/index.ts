import { camscanner } from './apps/camscanner.ts';
import { capcut } from './apps/capcut.ts';
import { deepseek } from './apps/deepseek.ts';
import { doubao } from './apps/doubao.ts';
import { douyin } from './apps/douyin.ts';
import { kaspersky } from './apps/kaspersky.ts';
import { lemon8 } from './apps/lemon8.ts';
import { rednote } from './apps/rednote.ts';
import { shein } from './apps/shein.ts';
import { telegram } from './apps/telegram.ts';
import { temu } from './apps/temu.ts';
import { tiktok } from './apps/tiktok.ts';
import { vk } from './apps/vk.ts';
import { wechat } from './apps/wechat.ts';
import { wps } from './apps/wps.ts';
import { weibo } from './apps/weibo.ts';
import { qq } from './apps/qq.ts';
import { alipay } from './apps/alipay.ts';
import { kimi } from './apps/kimi.ts';
import { baidu } from './apps/baidu.ts';
import type { CatalogueApp } from './types.ts';

export type { CatalogueApp, CatalogueEntry, CatalogueProvenance, CatalogueSource, CatalogueExclusion } from './types.ts';

/**
 * Every built-in entry as the extension enforces it, in display order. Siblings (TikTok, CapCut,
 * Lemon8, Douyin, Doubao) are separate entries. Sources, exclusions and review dates are in `provenance.ts`, which
 * the extension never imports: keep it that way, or they are bundled into the worker and popup.
 */
export const CATALOGUE: readonly CatalogueApp[] = [tiktok, deepseek, wechat, telegram, temu, shein, capcut, lemon8, kaspersky, vk, rednote, douyin, doubao, camscanner, wps, qq, weibo, alipay, baidu, kimi];

/** The ids enforced when no policy says otherwise. */
export const DEFAULT_BUILTIN_APP_IDS: readonly string[] = ['tiktok'];

export function findCatalogueApp(id: string): CatalogueApp | undefined {
  return CATALOGUE.find((app) => app.id === id);
}
