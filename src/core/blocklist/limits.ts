/**
 * Every bound a signed blocklist must stay within. Each one is checked by `verifyBlocklist`, so a list
 * that passes `cordon sign` on the admin's machine is accepted the same way by every browser.
 */

/**
 * 1 MiB: about 40,000 domains once base64 has taken its third, far more than any real list, and small
 * enough that parsing and hashing it in a service worker never stalls the browser.
 */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;

/**
 * Enough for a threshold of several keys during a rotation (old and new keys both signing), while
 * bounding the work an attacker can force: at most MAX_SIGNATURES × MAX_TRUSTED_KEYS Ed25519 checks.
 */
export const MAX_SIGNATURES = 8;
export const MAX_TRUSTED_KEYS = 16;

/**
 * A list must be re-signed at least this often: a stolen, old-but-valid list can only be replayed to a
 * fresh browser within this window. 90 days leaves room for a quarterly signing ceremony.
 */
export const MAX_VALIDITY_DAYS = 90;
export const MAX_VALIDITY_MS = MAX_VALIDITY_DAYS * 24 * 60 * 60 * 1000;

/** Managed laptops keep time by NTP, but a few minutes of drift must not reject a list signed just now. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Domains, hosts and allowed hosts, counted together over the whole list. The compiler (src/core/rules.ts)
 * puts each app's domains into one rule's `requestDomains`, so the DNR *rule* count is bounded by MAX_APPS,
 * not by this number; what this bounds is rule size and storage. Chromium accepted one rule of 100,000
 * domains, but Firefox (5,000 dynamic rules) and any future compiler that splits rules per domain are
 * safe at 25,000 only if a split never exceeds Chromium's 30,000 dynamic rules: 25,000 keeps that headroom
 * for the built-in and per-tab rules.
 */
export const MAX_DOMAINS_PER_LIST = 25_000;

/**
 * At most three DNR rules per app (block-page redirect, block, allow). 500 apps is 1,500 rules, of which
 * 500 redirects: within Chromium's 5,000 "unsafe" dynamic rules and Firefox's 5,000 dynamic rules.
 */
export const MAX_APPS = 500;

/** A short signed history for employees and auditors, not an archive. */
export const MAX_CHANGES = 50;

/**
 * Scoped exceptions (issue #15): a handful per app and group is what organisations grant; 100 bounds
 * the work per cycle and what the popup lists. Each ends at most 90 days after the list was issued,
 * the list's own longest validity, so an exception can never outlive the ban's re-signing.
 */
export const MAX_EXCEPTIONS = 100;
export const MAX_EXCEPTION_DAYS = 90;
export const MAX_EXCEPTION_MS = MAX_EXCEPTION_DAYS * 24 * 60 * 60 * 1000;

/** The payload is shallow (depth 4); a deep document is an attack on the parser, never a list. */
export const MAX_JSON_DEPTH = 16;

export const MAX_TEXT = {
  listId: 64,
  keyid: 128,
  appId: 64,
  name: 100,
  issuer: 200,
  reason: 500,
  summary: 300,
  contact: 512,
  requestUrl: 1000,
} as const;
