/**
 * The toolbar popup: reads the state the service worker records, turns it into a view with the pure
 * `popupView`, and draws it with text nodes only. It re-draws when the state changes, when the device
 * goes on- or offline, and every 30 seconds (relative times).
 */
import browser from 'webextension-polyfill';
import type { CordonState, EnforcedApp } from '../core/state.ts';
import { readState, STORAGE_KEYS } from '../core/contract.ts';
import { popupView, type PopupView, type ReportDelivery } from '../core/view/popup.ts';
import { readQueue } from '../core/reporting/queue.ts';
import { applyMessages, el, fieldList, setText, t, viewEnv } from './dom.ts';
import { send } from './messages.ts';

performance.mark('cordon-script');
const STATE_KEY = STORAGE_KEYS.state;
const QUEUE_KEY = STORAGE_KEYS.reportQueue;
let reportDelivery: ReportDelivery = { waiting: 0 };
let installId: string | undefined;
let state: CordonState | undefined;
/** The built-in default, loaded only in the first moments after install, before any state exists. */
let fallbackApps: readonly EnforcedApp[] = [];

const byId = (id: string) => document.getElementById(id) as HTMLElement;

function draw(view: PopupView): void {
  const status = byId('status');
  status.replaceChildren(
    ...view.troubles.map((trouble) =>
      el(
        'div',
        { class: `notice notice--${trouble.severity}`, 'data-kind': trouble.kind },
        el('p', { class: 'notice-text' }, trouble.text),
        trouble.since !== undefined && el('p', { class: 'notice-meta' }, t('troubleSince', [trouble.since])),
        trouble.detail !== undefined && el('p', { class: 'notice-detail' }, t('troubleDetails', [trouble.detail])),
      ),
    ),
    ...(view.allGood === undefined ? [] : [el('p', { class: 'notice notice--ok' }, view.allGood)]),
  );

  byId('apps').replaceChildren(
    ...view.apps.map((app) =>
      el(
        'li',
        { class: `app app--${app.status}`, 'data-app': app.id },
        el('p', { class: 'app-head' }, el('span', { class: 'app-name' }, app.name), ' ', el('span', { class: `tag tag--${app.status}` }, app.statusText)),
        app.deadline !== undefined && el('p', { class: 'app-deadline' }, app.deadline),
        app.lift !== undefined && el('p', { class: 'app-lift' }, app.lift.text),
        app.lift?.why !== undefined && el('p', { class: 'app-lift-why' }, app.lift.why),
        app.reason !== undefined && el('p', { class: 'app-reason' }, app.reason),
        app.since !== undefined && el('p', { class: 'app-since' }, app.since),
      ),
    ),
    ...(view.noApps === undefined ? [] : [el('li', { class: 'empty' }, view.noApps)]),
  );

  fieldList(byId('decided'), view.decided);
  fieldList(byId('source'), view.source);
  setText('profile-note', view.profileNote);
  byId('history').replaceChildren(
    ...view.history.map((entry) => el('li', {}, el('span', { class: 'history-date' }, entry.date), ' ', el('span', { class: 'history-summary' }, entry.summary))),
    ...(view.historyEmpty === undefined ? [] : [el('li', { class: 'empty' }, view.historyEmpty)]),
  );
}

/** The report queue as the popup shows it: how many wait, and how the last delivery went. */
function deliveryOf(value: unknown): ReportDelivery {
  const queue = readQueue(value);
  return {
    waiting: queue.records.length,
    ...(queue.lastAttempt === undefined ? {} : { lastAttempt: queue.lastAttempt }),
    ...(queue.lastDelivered === undefined ? {} : { lastDelivered: queue.lastDelivered }),
  };
}

function render(): void {
  draw(popupView(state, viewEnv(), { online: navigator.onLine, fallbackApps, reportDelivery, ...(installId === undefined ? {} : { installId }) }));
}

async function checkNow(button: HTMLButtonElement): Promise<void> {
  if (button.getAttribute('aria-disabled') === 'true') return;
  // aria-disabled rather than disabled: the button keeps keyboard focus while the check runs.
  button.setAttribute('aria-disabled', 'true');
  button.textContent = t('checking');
  setText('check-result', '');
  try {
    const reply = readState(await send({ type: 'check-now' }));
    if (reply !== undefined) state = reply;
    render();
  } catch {
    setText('check-result', t('checkError'));
  } finally {
    button.removeAttribute('aria-disabled');
    button.textContent = t('checkNow');
  }
}

applyMessages(document);
const button = byId('check-now') as HTMLButtonElement;
button.addEventListener('click', () => void checkNow(button));
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes[STATE_KEY]) state = readState(changes[STATE_KEY].newValue);
  if (changes[QUEUE_KEY]) reportDelivery = deliveryOf(changes[QUEUE_KEY].newValue);
  if (changes[STATE_KEY] || changes[QUEUE_KEY]) render();
});
window.addEventListener('online', render);
window.addEventListener('offline', render);
setInterval(render, 30_000);

void browser.storage.local.get([STATE_KEY, QUEUE_KEY, STORAGE_KEYS.installId]).then(async (stored) => {
  state = readState(stored[STATE_KEY]);
  installId = typeof stored[STORAGE_KEYS.installId] === 'string' ? (stored[STORAGE_KEYS.installId] as string) : undefined;
  reportDelivery = deliveryOf(stored[QUEUE_KEY]);
  if (state === undefined) fallbackApps = (await import('./fallback.ts')).builtinDefaultApps();
  render();
  performance.mark('cordon-rendered');
});
