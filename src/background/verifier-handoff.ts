/**
 * How Chromium's worker and its lazily run verifier script meet (load-verifier.ts, verifier-script.ts):
 * the script's name in the extension, and the one global the script leaves its verifier on.
 */
export const VERIFIER_SCRIPT = 'verifier.js';
export const VERIFIER_GLOBAL = 'cordonVerifier';
