import browser from './browser-api.ts';
import { STORAGE_KEYS } from '../core/contract.ts';

/**
 * The install's random id, made once: the `service.instance.id` of reports, shown in the popup, sent
 * with access requests, and what an override code is bound to (core/override-code.ts).
 */
export function ensureInstallId(): Promise<string> {
  // One promise per worker: two first calls at once must not make two ids.
  installIdPromise ??= (async () => {
    const stored = (await browser.storage.local.get(STORAGE_KEYS.installId))[STORAGE_KEYS.installId];
    if (typeof stored === 'string' && stored !== '') return stored;
    const id = crypto.randomUUID();
    await browser.storage.local.set({ [STORAGE_KEYS.installId]: id });
    return id;
  })().catch((error: unknown) => {
    installIdPromise = undefined;
    throw error;
  });
  return installIdPromise;
}
let installIdPromise: Promise<string> | undefined;
