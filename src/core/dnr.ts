/**
 * The declarativeNetRequest rule shape Cordon emits, with each browser's own resource types: Chrome
 * rejects Firefox's `beacon`, Firefox rejects Chrome's `webtransport`, and one unknown type fails a
 * whole atomic update. (@types/webextension-polyfill follows Firefox only.)
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
 * Whether two rule sets are the same rules, whatever the order of the rules and of each object's keys
 * (Chrome hands rules back with its own key order, and may list them in another order than they were
 * added); arrays keep their order. Compared structurally rather than through `JSON.stringify`: at the
 * list cap the rules carry 50,000 names, and serialising both sides cost tens of milliseconds of every
 * update, where walking them costs one string comparison per name.
 */
export function sameRules(a: readonly Rule[], b: readonly Rule[]): boolean {
  if (a.length !== b.length) return false;
  const byId = (rules: readonly Rule[]) => [...rules].sort((x, y) => x.id - y.id);
  const left = byId(a);
  const right = byId(b);
  return left.every((rule, i) => sameValue(rule, right[i]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const other = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(other, key) && sameValue((a as Record<string, unknown>)[key], other[key]));
}
