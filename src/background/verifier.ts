/**
 * What decides trust in the worker: verifying a signed list (with the Public Suffix List's rules its
 * name checks need) and an override code. Most of a wake-up never verifies anything, so in Chromium
 * this is a script of its own (`verifier.js`, built from verifier-script.ts) that the worker loads only
 * when something must be verified (load-verifier.ts); Firefox's event page loads it with `import()`.
 *
 * Everything the verifier's modules keep between calls (the suffix rules once installed) lives in this
 * one copy: the worker reaches it only through `loadVerifier()`, never through a second import.
 */
import { verifyBlocklist } from '../core/blocklist/verify.ts';
import { verifyOverrideCode } from '../core/override-code.ts';
import { ensureSuffixRules } from './suffix-list.ts';

export const VERIFIER = {
  verifyBlocklist,
  verifyOverrideCode,
  /** Call before `verifyBlocklist` checks names (a new list): reads `psl.json` once per worker. */
  ensureSuffixRules,
} as const;

export type Verifier = typeof VERIFIER;
