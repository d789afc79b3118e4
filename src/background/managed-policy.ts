import browser from './browser-api.ts';

/**
 * The managed settings as the browser delivers them. Firefox throws when no policy exists for the
 * extension; that, like an empty object, means "no policy".
 */
export async function readManagedPolicy(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get()) as Record<string, unknown>;
  } catch {
    return {};
  }
}
