/**
 * The declarativeNetRequest rule shape Cordon emits, with each browser's own resource types: Chrome
 * rejects Firefox's `beacon`, Firefox rejects Chrome's `webtransport`, and one unknown type fails a
 * whole atomic update. (@types/webextension-polyfill follows Firefox only.)
 */
import { sameJson } from './same-json.ts';

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

/**
 * Firefox's own list (MDN, declarativeNetRequest.ResourceType): it rejects Chrome's `webtransport` and
 * `webbundle`, and has types Chrome lacks. `speculative` covers its speculative connections, the
 * equivalent of Chromium's preconnects.
 */
export const FIREFOX_SUBRESOURCE_TYPES = [
  'stylesheet',
  'script',
  'image',
  'imageset',
  'font',
  'object',
  'object_subrequest',
  'xmlhttprequest',
  'xslt',
  'ping',
  'beacon',
  'xml_dtd',
  'csp_report',
  'media',
  'websocket',
  'web_manifest',
  'speculative',
  'json',
  'other',
] as const;

export type BrowserTarget = 'chrome' | 'firefox';

export function subresourceTypes(target: BrowserTarget): readonly SubresourceType[] {
  return target === 'firefox' ? FIREFOX_SUBRESOURCE_TYPES : SUBRESOURCE_TYPES;
}

export type NavigationType = (typeof NAVIGATION_TYPES)[number];
export type SubresourceType = (typeof SUBRESOURCE_TYPES)[number] | (typeof FIREFOX_SUBRESOURCE_TYPES)[number];
export type ResourceType = NavigationType | SubresourceType;

export interface RuleCondition {
  readonly requestDomains?: readonly string[];
  readonly excludedRequestDomains?: readonly string[];
  readonly regexFilter?: string;
  readonly isUrlFilterCaseSensitive?: boolean;
  readonly resourceTypes: readonly ResourceType[];
  readonly tabIds?: readonly number[];
}

export type RuleAction =
  | { readonly type: 'block' }
  | { readonly type: 'allow' }
  | { readonly type: 'redirect'; readonly redirect: { readonly regexSubstitution: string } | { readonly extensionPath: string } };

export interface Rule {
  readonly id: number;
  readonly priority: number;
  readonly action: RuleAction;
  readonly condition: RuleCondition;
}

/**
 * Whether two rule sets are the same rules, whatever the order of the rules (Chrome may hand them back
 * in another order than they were added) and of each rule's keys (Chrome uses its own key order).
 */
export function sameRules(a: readonly Rule[], b: readonly Rule[]): boolean {
  if (a.length !== b.length) return false;
  const byId = (rules: readonly Rule[]) => [...rules].sort((x, y) => x.id - y.id);
  return sameJson(byId(a), byId(b));
}
