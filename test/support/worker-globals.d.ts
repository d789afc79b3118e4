// Inside `worker.evaluate(...)` code runs in Cordon's service worker, where Chromium's promise-based
// `chrome.*` API has the shape webextension-polyfill describes.
declare const chrome: typeof import('webextension-polyfill').default;
