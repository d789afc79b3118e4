/**
 * A break-glass override code typed on the block page (issue #15). The page only passes the code on;
 * this worker checks it offline against the keys and threshold the policy pins, this browser's install
 * id and the app the page is for (core/override-code.ts), keeps it, and lets the rules change through
 * the one path that computes lifts (update-cycle.ts `refreshLifts`). Nothing else changes: no other
 * app, no other browser, and the code ends by itself.
 */
import browser from './browser-api.ts';
import type { Runtime } from 'webextension-polyfill';
import type { OverrideReply } from '../core/contract.ts';
import { matchBlockedApp } from '../core/match.ts';
import { parsePolicy } from '../core/policy.ts';
import { decisionTime } from '../core/state.ts';
import { ensureInstallId } from './install-id.ts';
import { loadVerifier } from './load-verifier.ts';
import { saveOverride } from './lifts.ts';
import { readManagedPolicy } from './managed-policy.ts';
import { loadState } from './storage.ts';

const refuse = (refusal: Extract<OverrideReply, { ok: false }>['refusal'], detail: string): OverrideReply => ({ ok: false, refusal, detail });

/**
 * Checks and keeps a code; `applyLifts` then changes the rules (in the cycle queue). The sender was
 * checked by the router: the block page as the top-level document of `sender.tab`.
 */
export async function acceptOverride(
  request: { readonly appId: string; readonly url: string; readonly code: string },
  sender: Runtime.MessageSender,
  applyLifts: () => Promise<void>,
): Promise<OverrideReply> {
  const parsed = parsePolicy(await readManagedPolicy());
  if (!parsed.ok || parsed.policy.kind !== 'signed') return refuse('no-pinned-keys', 'this browser has no signed list set by policy, so no key can sign an override');
  const state = await loadState();
  if (state?.source.kind !== 'signed' || state.list === undefined || state.distrusted !== undefined) {
    return refuse('no-list', 'no trusted signed list is in force on this browser yet');
  }
  const app = state.apps.find((a) => a.id === request.appId);
  if (app === undefined) return refuse('not-listed', `the list in force does not name the app "${request.appId}"`);
  const result = await (await loadVerifier()).verifyOverrideCode(request.code, {
    installId: await ensureInstallId(),
    appId: app.id,
    trustedKeys: parsed.policy.trustedKeys,
    threshold: parsed.policy.threshold,
    now: decisionTime(state, new Date()),
  });
  if (!result.ok) return result;
  await saveOverride(app.id, request.code.replace(/[\s-]/g, '').toUpperCase());
  await applyLifts();
  // Back to the page that was refused, when it is one of the app's own addresses.
  const tabId = sender.tab?.id;
  if (tabId !== undefined && /^https?:\/\//i.test(request.url) && matchBlockedApp(request.url, [app]) !== undefined) {
    await browser.tabs.update(tabId, { url: request.url }).catch(() => undefined);
  }
  return { ok: true, until: result.until };
}
