/**
 * The extension API as the worker uses it: the browser's own promise-based namespace, `browser` in
 * Firefox and `chrome` in Chromium (whose Manifest V3 APIs return promises). webextension-polyfill
 * wraps the same calls in both browsers for about 10 KB of code, loaded at every start of a worker
 * that should wake rarely and start small (issue #13); the pages, which are not on that path, keep it.
 * The polyfill's types still describe the API. The one behaviour the polyfill adds that the worker
 * relied on, answering a message with a promise returned by the listener, is done with
 * `sendResponse` instead (index.ts), which both browsers support natively.
 */
import type Browser from 'webextension-polyfill';

function extensionApi(): typeof Browser {
  const scope = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };
  const api = scope.browser ?? scope.chrome;
  if (api?.runtime?.id === undefined) throw new Error('Cordon’s worker must run as an extension service worker');
  return api;
}

export default extensionApi();
