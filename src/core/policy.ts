/**
 * The enterprise policy Cordon reads from `storage.managed`, validated as a whole. Chromium drops any
 * single key that fails the schema and passes the rest on, so a typo in `listUrl` would otherwise look
 * like "no signed list configured" and quietly fall back to the built-in default: every such gap is
 * reported as a policy error instead.
 */
import { findCatalogueApp, DEFAULT_BUILTIN_APP_IDS } from './catalogue/index.ts';
import { checkPublicKey } from './blocklist/keys.ts';
import { MAX_TRUSTED_KEYS } from './blocklist/limits.ts';
import { contactProblem } from './blocklist/payload.ts';

export const REFRESH_MINUTES = { default: 60, min: 5, max: 24 * 60 } as const;

export const POLICY_KEYS = [
  'listUrl',
  'trustedKeys',
  'threshold',
  'listId',
  'refreshMinutes',
  'organization',
  'supportUrl',
  'builtinApps',
] as const;

interface PolicyCommon {
  readonly organization?: string;
  readonly supportUrl?: string;
  readonly refreshMinutes: number;
}

/** What the policy asks for, once it has been checked. */
export type Policy =
  /** No managed settings at all: the built-in default applies (or, after a signed list, that list stays). */
  | ({ readonly kind: 'none' } & PolicyCommon)
  /** Built-in catalogue entries chosen by id, no signed list. */
  | ({ readonly kind: 'builtin'; readonly builtinApps: readonly string[] } & PolicyCommon)
  | ({
      readonly kind: 'signed';
      readonly listUrl: string;
      readonly trustedKeys: readonly string[];
      readonly threshold: number;
      readonly listId?: string;
    } & PolicyCommon);

export type PolicyResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly errors: readonly string[]; readonly organization?: string; readonly supportUrl?: string };

/** Whether a list URL may be fetched: https anywhere, plain http only from this machine (test servers). */
export function listUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
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

  const text = (key: 'organization' | 'listId', max: number): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!isString(v) || v.trim() === '' || v.length > max || /\p{Cc}/u.test(v)) {
      errors.push(`${key} must be a non-empty line of text up to ${max} characters`);
      return undefined;
    }
    return v;
  };
  const organization = text('organization', 120);
  const listId = text('listId', 128);

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

  const signedKeys = ['listUrl', 'trustedKeys', 'threshold', 'listId'] as const;
  const wantsSigned = signedKeys.some((key) => raw[key] !== undefined);
  let signed: { listUrl: string; trustedKeys: string[]; threshold: number } | undefined;
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
      });
      trustedKeys = [...new Set(keys)];
    }

    let threshold = 1;
    if (raw.threshold !== undefined) {
      const v = raw.threshold;
      if (!Number.isInteger(v) || (v as number) < 1) errors.push('threshold must be a whole number of at least 1');
      else if (trustedKeys.length > 0 && (v as number) > trustedKeys.length) {
        errors.push(`threshold ${v as number} is more than the ${trustedKeys.length} distinct pinned key(s)`);
      } else threshold = v as number;
    }
    if (isString(listUrl)) signed = { listUrl, trustedKeys, threshold };
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
    ...(organization === undefined ? {} : { organization }),
    ...(supportUrl === undefined ? {} : { supportUrl }),
  };
  if (signed) {
    return { ok: true, policy: { kind: 'signed', ...signed, ...(listId === undefined ? {} : { listId }), ...common } };
  }
  if (present.includes('builtinApps')) return { ok: true, policy: { kind: 'builtin', builtinApps, ...common } };
  return { ok: true, policy: { kind: 'none', ...common } };
}
