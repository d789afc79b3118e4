/**
 * The extension's own page URLs, at its fixed origin. With `use_dynamic_url` (manifest.json: no site
 * can fetch or frame the block page by a URL it can guess), Chromium's `runtime.getURL` answers with a
 * per-session origin (`chrome-extension://<random>/…`) for web-accessible pages. Rules persist across
 * sessions and must keep pointing at a page that exists, and the sender of a message reports the fixed
 * origin; so Cordon addresses its pages by the worker's own origin, which is the fixed one
 * (`chrome-extension://<id>`, `moz-extension://<install uuid>` in Firefox). Measured in Chromium 156: a
 * redirect rule to the fixed URL lands on the page and renders; a site's fetch or frame of it fails.
 */
export function extensionPageUrl(path: string): string {
  return new URL(path, `${globalThis.location.origin}/`).href;
}
