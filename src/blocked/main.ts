import browser from 'webextension-polyfill';
import { decodeBlockFragment } from '../core/block-fragment.ts';
import { DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';
import { appsFromCatalogue } from '../core/enforced.ts';
import { hostOf } from '../core/host.ts';
import type { CordonState } from '../core/state.ts';

// Everything shown comes from the URL or a list: set as text, never parsed as HTML.
function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

async function render(): Promise<void> {
  const fragment = decodeBlockFragment(location.hash);
  const state = (await browser.storage.local.get('state')).state as CordonState | undefined;
  const apps = state?.apps ?? appsFromCatalogue(DEFAULT_BUILTIN_APP_IDS);
  const app = fragment ? apps.find((a) => a.id === fragment.appId) : undefined;
  show('app-name', app?.name ?? fragment?.appId ?? 'This app');
  show('host', (fragment && hostOf(fragment.url)) ?? 'unknown');
  show('reason', app?.reason ?? 'Your organisation has blocked this app on work browsers.');
  show(
    'source',
    state?.source.kind === 'signed' && state.list
      ? `Signed list "${state.list.listId}" (serial ${state.list.serial}) from ${state.source.url}`
      : 'Built-in catalogue (no organisation list configured)',
  );
  document.title = `${app?.name ?? 'Site'} is blocked`;
}

document.getElementById('back')?.addEventListener('click', () => {
  // A blocked page opened in a new tab has no history to return to.
  if (history.length > 1) history.back();
  else location.replace('about:blank');
});
void render();
