/**
 * The block page: what was refused (from the URL fragment the redirect rule writes), why, who decided
 * and where the rule came from, drawn from the recorded state by the pure `blockPageView`. In an app's
 * warning period it offers "Continue for now", which only asks the service worker: the worker decides.
 */
import browser from 'webextension-polyfill';
import { decodeBlockFragment } from '../core/block-fragment.ts';
import type { CordonState, EnforcedApp } from '../core/state.ts';
import { allowanceSeconds, type AllowanceRefusal } from '../core/allowance.ts';
import { readState, STORAGE_KEYS, type OverrideReply } from '../core/contract.ts';
import { formatInstant } from '../core/text/format.ts';
import { blockPageView, type BlockPageView } from '../core/view/block-page.ts';
import { applyMessages, el, fieldList, setText, t, viewEnv } from '../popup/dom.ts';
import { send } from '../popup/messages.ts';

const STATE_KEY = STORAGE_KEYS.state;
const SECONDS_KEY = STORAGE_KEYS.warnAllowanceSeconds;
/** The built-in default, loaded only when no state exists yet (the static ruleset redirected). */
let fallbackApps: readonly EnforcedApp[] = [];
let state: CordonState | undefined;
let seconds: unknown;
let installId: string | undefined;
let view: BlockPageView | undefined;
let deadlineTimer: ReturnType<typeof setTimeout> | undefined;

const byId = (id: string) => document.getElementById(id) as HTMLElement;
/**
 * Inside another page's frame (any site can frame this web-accessible page) the page offers nothing
 * to click: no "Continue for now", no "Open the site", not even "Go back". The worker refuses a framed
 * page's requests as well; this keeps a tricked click from reaching anything at all.
 */
const framed = window.top !== window.self;

function show(id: string, visible: boolean): void {
  byId(id).hidden = !visible;
}

function render(): void {
  const env = viewEnv();
  view = blockPageView(state, decodeBlockFragment(location.hash), env, { fallbackApps, allowanceSeconds: allowanceSeconds(seconds), framed, ...(installId === undefined ? {} : { installId }) });
  document.title = view.documentTitle;
  document.body.className = `kind-${view.kind}`;
  setText('title', view.heading);
  byId('summary').replaceChildren(view.summary.before, el('strong', { id: 'app-name' }, view.summary.value), view.summary.after);
  fieldList(byId('details'), view.fields);
  setText('stale', view.staleNote ?? '');
  show('stale', view.staleNote !== undefined);
  setText('reported', view.reportedNote ?? '');
  show('reported', view.reportedNote !== undefined);
  reportVisitOnce();
  setText('warn-explain', view.warn?.explanation ?? '');
  show('warn-explain', view.warn !== undefined);
  const reason = view.warn?.reason;
  setText('warn-reason-label', reason?.label ?? '');
  setText('warn-reason-sent', reason?.sentNote ?? '');
  (byId('warn-reason') as HTMLInputElement).required = reason?.required ?? false;
  show('warn-reason-row', reason !== undefined);
  // The href passed safeLink (https: only for an alternative); its text is the address itself.
  const alternative = byId('alternative-link') as HTMLAnchorElement;
  if (view.alternative) {
    alternative.href = view.alternative.href;
    alternative.textContent = view.alternative.text;
  } else alternative.removeAttribute('href');
  setText('alternative-label', view.alternative?.label ?? '');
  show('alternative', view.alternative !== undefined);
  show('continue', view.warn !== undefined);
  show('open', view.lifted !== undefined);
  show('back', !framed);
  // The href passed safeLink (https: or mailto: only); the label is the page's own text.
  const request = byId('request') as HTMLAnchorElement;
  if (view.request) {
    request.href = view.request.href;
    request.textContent = view.request.label;
  } else request.removeAttribute('href');
  show('request', view.request !== undefined);
  setText('back', view.backLabel);
  setText('lift-ended', view.liftEndedNote ?? '');
  show('lift-ended', view.liftEndedNote !== undefined);
  setText('override-summary', view.override?.summary ?? '');
  setText('override-help', view.override?.help ?? '');
  setText('override-label', view.override?.label ?? '');
  setText('override-submit', view.override?.submitLabel ?? '');
  show('override', view.override !== undefined);

  // A warning turns into a block at its deadline, even on a page left open.
  clearTimeout(deadlineTimer);
  const deadline = view.warn && state?.apps.find((a) => a.id === view?.warn?.appId)?.enforceFrom;
  const wait = deadline ? Date.parse(`${deadline}T00:00:00Z`) - env.now.getTime() : NaN;
  if (wait > 0 && wait < 2 ** 31 - 1) deadlineTimer = setTimeout(render, wait + 50);
}

const REFUSALS: Record<AllowanceRefusal, Parameters<typeof t>[0]> = {
  'not-warn': 'refusedNotWarn',
  'unknown-app': 'refusedOther',
  'bad-url': 'refusedOther',
  'not-this-app': 'refusedOther',
  'no-tab': 'refusedError',
  'reason-required': 'refusedReasonRequired',
  'bad-reason': 'refusedBadReason',
};

async function continueForNow(button: HTMLElement): Promise<void> {
  const warn = view?.warn;
  if (!warn || button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  setText('warn-error', '');
  try {
    const typed = warn.reason === undefined ? undefined : (byId('warn-reason') as HTMLInputElement).value.trim();
    const reply = await send({ type: 'warn-continue', appId: warn.appId, url: warn.url, ...(typed === undefined || typed === '' ? {} : { reason: typed }) });
    if (reply?.ok) return; // The worker navigates this tab to the site.
    setText('warn-error', t('warnRefused', [t(reply ? REFUSALS[reply.reason] : 'refusedError')]));
  } catch {
    setText('warn-error', t('warnRefused', [t('refusedError')]));
  } finally {
    button.removeAttribute('aria-disabled');
  }
  await load();
}

const OVERRIDE_REFUSALS: Record<Extract<OverrideReply, { ok: false }>['refusal'], Parameters<typeof t>[0]> = {
  malformed: 'overrideMalformed',
  'other-app': 'overrideOtherApp',
  'other-browser': 'overrideOtherBrowser',
  'not-signed': 'overrideNotSigned',
  'threshold-not-met': 'overrideThreshold',
  'issued-in-future': 'overrideFuture',
  expired: 'overrideExpired',
  'no-pinned-keys': 'overrideNoKeys',
  'no-list': 'overrideNoList',
  'not-listed': 'overrideNotListed',
};

/** Passes a typed override code to the worker, which decides; the page only says what it answered. */
async function useOverride(button: HTMLElement): Promise<void> {
  const override = view?.override;
  if (!override || button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  const result = byId('override-result');
  result.textContent = '';
  result.removeAttribute('title');
  try {
    const code = (byId('override-code') as HTMLInputElement).value;
    const reply = await send({ type: 'override', appId: override.appId, url: override.url, code });
    if (reply?.ok) {
      result.textContent = t('overrideAccepted', [formatInstant(reply.until, viewEnv())]);
    } else {
      result.textContent = t('overrideRefused', [t(reply ? OVERRIDE_REFUSALS[reply.refusal] : 'overrideError')]);
      // The worker's precise words (plain text) for whoever helps the employee.
      if (reply) result.title = reply.detail;
    }
  } catch {
    result.textContent = t('overrideRefused', [t('overrideError')]);
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

let visitReported = false;

/**
 * Tells the worker about this blocked visit when the page says it is reported: once per page, and
 * never from a frame (the worker would refuse it anyway). The worker checks the app and host itself.
 */
function reportVisitOnce(): void {
  if (visitReported || framed || view?.reportedNote === undefined) return;
  const fragment = decodeBlockFragment(location.hash);
  if (fragment === undefined) return;
  visitReported = true;
  void send({ type: 'blocked-visit', appId: fragment.appId, url: fragment.url }).catch(() => undefined);
}

async function load(): Promise<void> {
  const stored = await browser.storage.local.get([STATE_KEY, SECONDS_KEY, STORAGE_KEYS.installId]);
  installId = typeof stored[STORAGE_KEYS.installId] === 'string' ? (stored[STORAGE_KEYS.installId] as string) : undefined;
  state = readState(stored[STATE_KEY]);
  seconds = stored[SECONDS_KEY];
  if (state === undefined && fallbackApps.length === 0) fallbackApps = (await import('../popup/fallback.ts')).builtinDefaultApps();
  render();
}

applyMessages(document);
byId('back').addEventListener('click', () => {
  // A blocked page opened in a new tab has no history to return to.
  if (history.length > 1) history.back();
  else location.replace('about:blank');
});
const continueButton = byId('continue');
continueButton.addEventListener('click', () => void continueForNow(continueButton));
const overrideButton = byId('override-submit');
overrideButton.addEventListener('click', () => void useOverride(overrideButton));
byId('override-code').addEventListener('keydown', (event) => {
  if ((event as KeyboardEvent).key === 'Enter') void useOverride(overrideButton);
});
byId('open').addEventListener('click', () => {
  const url = view?.lifted?.url;
  if (url !== undefined && /^https?:\/\//i.test(url)) location.href = url;
});
window.addEventListener('hashchange', render);
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes[STATE_KEY]) state = readState(changes[STATE_KEY].newValue);
  if (changes[SECONDS_KEY]) seconds = changes[SECONDS_KEY].newValue;
  if (changes[STATE_KEY] || changes[SECONDS_KEY]) render();
});
void load();
