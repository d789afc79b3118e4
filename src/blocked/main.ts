import { decodeBlockFragment } from '../core/block-fragment.ts';
import { findCatalogueApp } from '../core/catalogue/index.ts';
import { hostOf } from '../core/host.ts';

// Everything shown comes from the URL or a list: set as text, never parsed as HTML.
function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

const fragment = decodeBlockFragment(location.hash);
const app = fragment ? findCatalogueApp(fragment.appId) : undefined;
show('app-name', app?.name ?? fragment?.appId ?? 'This app');
show('host', (fragment && hostOf(fragment.url)) ?? 'unknown');
show('reason', app?.reason ?? 'Your organisation has blocked this app on work browsers.');
show('source', 'Built-in catalogue (no organisation list configured)');
document.title = `${app?.name ?? 'Site'} is blocked`;

document.getElementById('back')?.addEventListener('click', () => {
  // A blocked page opened in a new tab has no history to return to.
  if (history.length > 1) history.back();
  else location.replace('about:blank');
});
