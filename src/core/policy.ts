/**
 * The enterprise policy Cordon reads from `storage.managed`, validated as a whole. Chromium drops any
 * single key that fails the schema and passes the rest on, so a typo in `listUrl` would otherwise look
 * like "no signed list configured" and quietly fall back to the built-in default: every such gap is
 * reported as a policy error instead.
 */
import managedSchema from '../../public/schema.json' with { type: 'json' };
import { findCatalogueApp, DEFAULT_BUILTIN_APP_IDS } from './catalogue/index.ts';
import { checkPublicKey } from './blocklist/keys.ts';
import { MAX_TRUSTED_KEYS } from './blocklist/limits.ts';
import { contactProblem, isListId, textProblem } from './blocklist/payload.ts';
import { publishedTestKeyName } from './blocklist/test-keys.ts';
import { isGroupName, MAX_GROUPS } from './groups.ts';

export { MAX_GROUPS };

export const REFRESH_MINUTES = { default: 60, min: 5, max: 24 * 60 } as const;

/** The policy keys, declared once: the managed-storage schema the browser validates against. */
export type PolicyKey = keyof typeof managedSchema.properties;
export const POLICY_KEYS = Object.keys(managedSchema.properties) as PolicyKey[];

interface PolicyCommon {
  readonly organization?: string;
  readonly supportUrl?: string;
  readonly refreshMinutes: number;
  /** The device's or user's groups, as the management tool sets them; empty when none. */
  readonly groups: readonly string[];
}


/** What the policy asks for, once it has been checked. */
export type Policy =
  /** No managed settings at all: the built-in default applies (or, after a signed list, that list stays). */
  | ({ readonly kind: 'none' } & PolicyCommon)
  /** Built-in catalogue entries chosen by id, no signed list. */
  | ({ readonly kind: 'builtin'; readonly builtinApps: readonly string[] } & PolicyCommon)
  | ({ readonly kind: 'signed' } & SignedSettings & PolicyCommon);

/** What decides which signed list this browser enforces: any change here is a change of trust. */
export interface SignedSettings {
  readonly listUrl: string;
  /** Distinct pinned keys, in the policy's order. */
  readonly trustedKeys: readonly string[];
  readonly threshold: number;
  readonly listId: string;
  /**
   * Catalogue entries enforced whenever no list verifies under these settings (before the first list
   * arrives, or after the keys that signed the list in force were removed): the policy's
   * `builtinApps`, or the built-in default. Blocks never fall below it while no trusted list decides.
   */
  readonly floorApps: readonly string[];
}

export type PolicyResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly errors: readonly string[]; readonly organization?: string; readonly supportUrl?: string };

/**
 * Whether a list URL may be fetched: https anywhere, plain http only from this machine (test servers).
 * The URL parser forgives what the browser's rule matching does not: it drops tabs, newlines and outer
 * spaces, and keeps a trailing dot in the host that declarativeNetRequest strips before matching. A
 * list could then pass the "must not block its own host" check and still cut the browser off from
 * every later list, so such spellings are refused here, in words.
 */
export function listUrlProblem(value: string): string | undefined {
  if (/[\s\p{Cc}\p{Cf}]/u.test(value)) return 'must not contain whitespace, control or invisible formatting characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hostname.endsWith('.')) return 'must not end its host name with a dot (write the host without it)';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return 'must be an https: URL';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const isString = (v: unknown): v is string => typeof v === 'string';

export function parsePolicy(raw: Readonly<Record<string, unknown>>): PolicyResult {
  const errors: string[] = [];
  const present = POLICY_KEYS.filter((key) => raw[key] !== undefined);

  // The same text rules as a signed list's fields: no control, bidirectional or invisible formatting
  // characters that could make the organisation read differently on screen from what the admin set.
  let organization: string | undefined;
  if (raw.organization !== undefined) {
    const v = raw.organization;
    const problem = isString(v) ? textProblem(v, 120) : 'is not text';
    if (problem === undefined) organization = v as string;
    else errors.push(`organization must be a line of text up to 120 characters: it ${problem}`);
  }
  let listId: string | undefined;
  if (raw.listId !== undefined) {
    if (isString(raw.listId) && isListId(raw.listId)) listId = raw.listId;
    else errors.push('listId must be the list id the signed list carries: 1 to 64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit');
  }

  let supportUrl: string | undefined;
  if (raw.supportUrl !== undefined) {
    const problem = isString(raw.supportUrl) ? contactProblem(raw.supportUrl) : 'must be an https: or mailto: URL';
    if (problem === undefined) supportUrl = raw.supportUrl as string;
    else errors.push(`supportUrl ${problem}`);
  }

  let refreshMinutes: number = REFRESH_MINUTES.default;
  if (raw.refreshMinutes !== undefined) {
    const v = raw.refreshMinutes;
    if (Number.isInteger(v) && (v as number) >= REFRESH_MINUTES.min && (v as number) <= REFRESH_MINUTES.max) {
      refreshMinutes = v as number;
    } else {
      errors.push(`refreshMinutes must be a whole number from ${REFRESH_MINUTES.min} to ${REFRESH_MINUTES.max}`);
    }
  }

  let builtinApps: readonly string[] = DEFAULT_BUILTIN_APP_IDS;
  if (raw.builtinApps !== undefined) {
    const v = raw.builtinApps;
    if (!Array.isArray(v) || !v.every(isString)) {
      errors.push('builtinApps must be a list of catalogue ids');
    } else {
      const unknown = v.filter((id) => findCatalogueApp(id) === undefined);
      if (unknown.length > 0) errors.push(`builtinApps names unknown catalogue entries: ${unknown.join(', ')}`);
      builtinApps = [...new Set(v)];
    }
  }

  let groups: readonly string[] = [];
  if (raw.groups !== undefined) {
    const v = raw.groups;
    if (!Array.isArray(v) || !v.every(isString) || v.length > MAX_GROUPS) errors.push(`groups must be a list of at most ${MAX_GROUPS} group names`);
    else {
      const bad = v.filter((g) => !isGroupName(g));
      if (bad.length > 0) errors.push(`groups: ${bad.map((g) => JSON.stringify(g)).join(', ')} must each be 1 to 32 characters of a-z, 0-9, "-" and "_", starting with a letter or digit`);
      else groups = [...new Set(v)];
    }
  }

  const signedKeys = ['listUrl', 'trustedKeys', 'threshold', 'listId'] as const;
  const wantsSigned = signedKeys.some((key) => raw[key] !== undefined);
  let signed: SignedSettings | undefined;
  if (wantsSigned) {
    const listUrl = raw.listUrl;
    if (listUrl === undefined) errors.push('listUrl is missing, but other signed-list settings are present');
    else if (!isString(listUrl)) errors.push('listUrl must be a URL');
    else {
      const problem = listUrlProblem(listUrl);
      if (problem) errors.push(`listUrl ${problem}`);
    }

    const keys = raw.trustedKeys;
    let trustedKeys: string[] = [];
    if (keys === undefined) errors.push('trustedKeys is missing: a signed list needs at least one pinned public key');
    else if (!Array.isArray(keys) || keys.length === 0 || !keys.every(isString)) {
      errors.push('trustedKeys must be a non-empty list of base64 Ed25519 public keys');
    } else if (keys.length > MAX_TRUSTED_KEYS) {
      errors.push(`trustedKeys may pin at most ${MAX_TRUSTED_KEYS} keys`);
    } else {
      keys.forEach((key, i) => {
        const check = checkPublicKey(key);
        if (!check.ok) errors.push(`trustedKeys[${i}] ${check.message}`);
        const published = publishedTestKeyName(key);
        if (published !== undefined) {
          errors.push(`trustedKeys[${i}] is Cordon's published test key "${published}": its private key is public, so it proves nothing (create your own with cordon keygen)`);
        }
      });
      trustedKeys = [...new Set(keys)];
    }

    // Chromium drops a value that does not match the schema (`"threshold": "2"`) and passes the rest
    // on, so a missing threshold may be a mistyped one. With several keys pinned, the safe reading is
    // that all of them must sign (a key rotation signs with both, docs/deploying.md); one key alone
    // deciding is what the admin must ask for explicitly.
    let threshold = trustedKeys.length > 1 ? trustedKeys.length : 1;
    if (raw.threshold !== undefined) {
      const v = raw.threshold;
      if (!Number.isInteger(v) || (v as number) < 1) errors.push('threshold must be a whole number of at least 1');
      else if (trustedKeys.length > 0 && (v as number) > trustedKeys.length) {
        errors.push(`threshold ${v as number} is more than the ${trustedKeys.length} distinct pinned key(s)`);
      } else threshold = v as number;
    }
    // Without a listId any list the keys ever signed would do, and Chromium drops a listId of the wrong
    // type silently: a signed list therefore needs one, or nothing is accepted.
    if (raw.listId === undefined) errors.push('listId is missing: a signed list needs the listId it must carry (a listId that is not text is dropped by the browser)');
    if (isString(listUrl) && listId !== undefined) signed = { listUrl, trustedKeys, threshold, listId, floorApps: builtinApps };
  }

  if (errors.length > 0) {
    return {
      ok: false,
      errors,
      ...(organization === undefined ? {} : { organization }),
      ...(supportUrl === undefined ? {} : { supportUrl }),
    };
  }
  const common: PolicyCommon = {
    refreshMinutes,
    groups,
    ...(organization === undefined ? {} : { organization }),
    ...(supportUrl === undefined ? {} : { supportUrl }),
  };
  if (signed) return { ok: true, policy: { kind: 'signed', ...signed, ...common } };
  if (present.includes('builtinApps')) return { ok: true, policy: { kind: 'builtin', builtinApps, ...common } };
  return { ok: true, policy: { kind: 'none', ...common } };
}
