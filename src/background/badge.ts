/**
 * The toolbar badge follows the recorded state: "!" on red for an error, on amber for a stale list or
 * an unreachable server, nothing when all is well; the tooltip says what is wrong in words. A list
 * turns stale by the clock alone, so an alarm re-draws the badge at its expiry.
 */
import browser from './browser-api.ts';
import type { CordonState } from '../core/state.ts';
import { badgeView } from '../core/text/badge.ts';
import type { MessageKey } from '../core/text/i18n.ts';
import { loadState, STATE_KEY } from './storage.ts';

const REFRESH_ALARM = 'badge-refresh';

export async function updateBadge(state: CordonState | undefined, now = new Date()): Promise<void> {
  const view = badgeView(state, {
    t: (key: MessageKey, substitutions?: readonly string[]) => browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined),
    locale: browser.i18n.getUILanguage(),
    now,
  });
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setBadgeTextColor({ color: '#ffffff' }),
    browser.action.setTitle({ title: view.title }),
  ]);
  const expires = state?.list ? Date.parse(state.list.expiresAt) : NaN;
  if (expires > now.getTime()) await browser.alarms.create(REFRESH_ALARM, { when: expires + 1000 });
  else await browser.alarms.clear(REFRESH_ALARM);
}

const redraw = (state?: CordonState) =>
  (state ? Promise.resolve(state) : loadState()).then((s) => updateBadge(s)).catch((error: unknown) => console.error('cordon: badge', error));

/** Registers the badge's listeners synchronously; call once at the top level. */
export function registerBadge(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void redraw();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[STATE_KEY]) void redraw(changes[STATE_KEY].newValue as CordonState | undefined);
  });
  void redraw();
}
