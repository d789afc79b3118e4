/**
 * Loads the verifier (verifier.ts) only when something must be verified: a new list, the stored list
 * after a change of trust settings or at browser start, an override code. A wake-up for anything else
 * (an alarm that finds the list unchanged, a popup asking for the state, a lift ending) never parses it.
 *
 * Chromium's extension service workers refuse `import()`, and `importScripts()` once the worker is
 * installed loads only scripts it imported while it was installing (measured in Chromium 156: any other
 * script fails with "importScripts() of new scripts after service worker installation is not allowed";
 * scripts imported at install stay with the worker across stops and browser restarts). So the worker
 * imports `verifier.js` in its install event, and from then on runs it on demand. Firefox runs the
 * background as an event page, which loads the verifier with `import()` the same way.
 */
import type { Verifier } from './verifier.ts';
import { VERIFIER_GLOBAL, VERIFIER_SCRIPT } from './verifier-handoff.ts';

/** The verifier once the worker has run verifier.js (in its install event, or on demand). */
function verifierOnGlobal(): Verifier | undefined {
  return (globalThis as unknown as Record<string, Verifier | undefined>)[VERIFIER_GLOBAL];
}

/** The verifier could not be loaded: nothing can be verified, so nothing new is applied. */
export class VerifierUnavailable extends Error {
  override readonly name = 'VerifierUnavailable';
}

const unavailable = (what: string, error: unknown) =>
  new VerifierUnavailable(`Cordon could not load its verifier (${what}): ${String(error)}. No list or code can be verified until Cordon is reinstalled or updated; the rules in force stay.`);

function runVerifierScript(): Verifier {
  const loaded = verifierOnGlobal();
  if (loaded !== undefined) return loaded;
  try {
    importScripts(`/${VERIFIER_SCRIPT}`);
  } catch (error) {
    throw unavailable(VERIFIER_SCRIPT, error);
  }
  const verifier = verifierOnGlobal();
  if (verifier === undefined) throw new VerifierUnavailable(`Cordon's verifier (${VERIFIER_SCRIPT}) ran but left nothing to call; the rules in force stay.`);
  return verifier;
}

let loadedHere = false;

export async function loadVerifier(): Promise<Verifier> {
  const verifier =
    __BROWSER__ === 'firefox'
      ? await import('./verifier.ts').then(
          (module) => module.VERIFIER,
          (error: unknown) => Promise.reject(unavailable('its module', error)),
        )
      : runVerifierScript();
  loadedHere = true;
  return verifier;
}

/** Whether this worker instance has run the verifier (tests and the start-up benchmark ask). */
export function verifierLoaded(): boolean {
  return loadedHere || verifierOnGlobal() !== undefined;
}

/**
 * Chromium: import verifier.js while the worker installs, which is the only time a service worker may
 * take a new script, so that any later start can run it on demand. Call at the top level of the worker.
 */
export function keepVerifierInstalled(): void {
  if (__BROWSER__ !== 'chrome') return;
  addEventListener('install', () => {
    // Never fail the install over it: without the verifier the worker still enforces what it holds, and
    // each verification it cannot run fails closed with this reason (the update cycle records it).
    try {
      runVerifierScript();
    } catch (error) {
      console.error(`cordon: ${String(error)}`);
    }
  });
}
