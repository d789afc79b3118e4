/**
 * Entry of `verifier.js`, Chromium's lazily loaded verifier: a classic script that the worker runs with
 * `importScripts` (load-verifier.ts) and that hands its one object over on the worker's global.
 */
import { VERIFIER } from './verifier.ts';
import { VERIFIER_GLOBAL } from './verifier-handoff.ts';

Object.defineProperty(globalThis, VERIFIER_GLOBAL, { value: VERIFIER, configurable: false, enumerable: false, writable: false });
