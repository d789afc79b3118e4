/**
 * The subset of Chrome's declarativeNetRequest rule shape that Cordon emits, typed after Chrome's own
 * list: @types/webextension-polyfill follows Firefox (it lists `beacon`, which Chrome rejects, and
 * lacks `webtransport`/`webbundle`), so a rule typed with it could fail a whole atomic update.
 */
export const NAVIGATION_TYPES = ['main_frame', 'sub_frame'] as const;

/** Every non-navigation resource type Chrome knows. A rule without `resourceTypes` skips main_frame. */
export const SUBRESOURCE_TYPES = [
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'other',
] as const;

export type NavigationType = (typeof NAVIGATION_TYPES)[number];
export type SubresourceType = (typeof SUBRESOURCE_TYPES)[number];
export type ResourceType = NavigationType | SubresourceType;

export interface RuleCondition {
  readonly requestDomains?: readonly string[];
  readonly regexFilter?: string;
  readonly resourceTypes: readonly ResourceType[];
  readonly tabIds?: readonly number[];
}

export type RuleAction =
  | { readonly type: 'block' }
  | { readonly type: 'allow' }
  | { readonly type: 'redirect'; readonly redirect: { readonly regexSubstitution: string } };

export interface Rule {
  readonly id: number;
  readonly priority: number;
  readonly action: RuleAction;
  readonly condition: RuleCondition;
}
