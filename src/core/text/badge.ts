/** The toolbar badge: a warning mark when the list is stale or something went wrong, nothing otherwise. */
import type { CordonState } from '../state.ts';
import type { ViewEnv } from './i18n.ts';
import { troublesOf } from './troubles.ts';

export interface BadgeView {
  readonly text: string;
  /** Background colour; white text on it has a contrast ratio of at least 4.5:1. */
  readonly color: string;
  readonly title: string;
}

export const BADGE_RED = '#b42318';
export const BADGE_AMBER = '#93370d';

export function badgeView(state: CordonState | undefined, env: ViewEnv): BadgeView {
  // The device's own connectivity is the popup's business; the badge reports what Cordon recorded.
  const troubles = troublesOf(state, env, true);
  const first = troubles[0];
  if (first === undefined) return { text: '', color: BADGE_RED, title: env.t('badgeOk') };
  return {
    text: '!',
    color: first.severity === 'error' ? BADGE_RED : BADGE_AMBER,
    title: env.t('badgeTrouble', [troubles.map((x) => x.text).join(' ')]),
  };
}
