/**
 * Every way a page can make a request, aimed at a target host: one probe per path, each requesting
 * `https://<target>/p/<probe name>` (or wss:// for sockets), so the traffic server can tell exactly which
 * probe reached it. A test serves one page that fires every probe at a control host *and* at a blocked
 * host at the same moment; once every control probe has arrived, the blocked ones would have too, so
 * "nothing reached the blocked host" is decided on a condition, not after a sleep.
 */
import type { TrafficServer } from './traffic-server.ts';

/** The probes a page fires by itself (no click, no second window), in the order the page starts them. */
export const PAGE_PROBES = [
  'redirect-302',
  'redirect-multi-hop',
  'meta-refresh',
  'location-href',
  'form-post',
  'srcdoc-img',
  'send-beacon',
  'fetch-keepalive',
  'event-source',
  'dynamic-import',
  'modulepreload',
  'css-import',
  'font-face',
  'object',
  'embed',
  'media-video',
  'media-track',
  'worker-fetch',
  'worker-importscripts',
  'worker-websocket',
  'sharedworker-fetch',
  'sw-importscripts',
  'sw-fetch',
] as const;

export type PageProbe = (typeof PAGE_PROBES)[number];

const html = (body: string) => ({ headers: { 'Content-Type': 'text/html' }, body });
const js = (body: string) => ({ headers: { 'Content-Type': 'text/javascript' }, body });

/** The page's own helpers (same origin as the page): redirects, refreshes, forms and worker scripts. */
export function serveRequestPathHelpers(server: TrafficServer, pageHost: string): void {
  server.route(({ host, path }) => {
    if (host !== pageHost) return undefined;
    const url = new URL(path, `https://${pageHost}`);
    const to = url.searchParams.get('to') ?? '';
    const target = url.searchParams.get('t') ?? '';
    switch (url.pathname) {
      case '/redirect':
        return { status: 302, headers: { Location: to }, body: '' };
      case '/hop':
        return { status: 302, headers: { Location: `/hop2?to=${encodeURIComponent(to)}` }, body: '' };
      case '/hop2':
        return { status: 301, headers: { Location: `/redirect?to=${encodeURIComponent(to)}` }, body: '' };
      case '/meta':
        return html(`<!doctype html><meta http-equiv="refresh" content="0;url=${to}">`);
      case '/location':
        return html(`<!doctype html><script>location.href = ${JSON.stringify(to)};</script>`);
      case '/form':
        return html(`<!doctype html><form method="post" action="${to}"><input name="q" value="1"></form><script>document.forms[0].submit();</script>`);
      case '/worker.js':
        return js(`fetch('https://${target}/p/worker-fetch').catch(() => {});
          try { importScripts('https://${target}/p/worker-importscripts'); } catch {}
          try { const s = new WebSocket('wss://${target}/p/worker-websocket'); s.onerror = () => {}; } catch {}`);
      case '/shared.js':
        return js(`fetch('https://${target}/p/sharedworker-fetch').catch(() => {});`);
      case '/sw.js':
        return js(`try { importScripts('https://${target}/p/sw-importscripts'); } catch {}
          self.addEventListener('install', (e) => e.waitUntil(fetch('https://${target}/p/sw-fetch').catch(() => {})));`);
      case '/sink':
        return html('<!doctype html><title>sink</title>');
      default:
        return undefined;
    }
  });
}

/** The markup and script that fire every page probe at `target` (`key`: a name safe in ids). */
export function requestPathProbes(target: string, key: string): string {
  const p = (name: PageProbe) => `https://${target}/p/${name}`;
  const enc = (name: PageProbe) => encodeURIComponent(p(name));
  return `
  <iframe src="/redirect?to=${enc('redirect-302')}"></iframe>
  <iframe src="/hop?to=${enc('redirect-multi-hop')}"></iframe>
  <iframe src="/meta?to=${enc('meta-refresh')}"></iframe>
  <iframe src="/location?to=${enc('location-href')}"></iframe>
  <iframe src="/form?to=${enc('form-post')}"></iframe>
  <iframe srcdoc="<img src='${p('srcdoc-img')}'>"></iframe>
  <link rel="modulepreload" href="${p('modulepreload')}">
  <style>
    @import url("${p('css-import')}");
    @font-face { font-family: "probe-${key}"; src: url("${p('font-face')}") format("woff2"); }
  </style>
  <span style='font-family: "probe-${key}"'>text in the probe font</span>
  <object data="${p('object')}" type="text/html" width="10" height="10"></object>
  <embed src="${p('embed')}" type="text/html" width="10" height="10">
  <video id="video-${key}" muted preload="auto" crossorigin="anonymous" src="${p('media-video')}"><track default kind="captions" srclang="en" src="${p('media-track')}"></video>
  <a id="ping-${key}" href="/sink?from=${key}" target="sink-${key}" ping="https://${target}/p/a-ping">ping</a>
  <iframe name="sink-${key}"></iframe>
  <script>
    navigator.sendBeacon(${JSON.stringify(p('send-beacon'))}, 'x');
    fetch(${JSON.stringify(p('fetch-keepalive'))}, { method: 'POST', body: 'x', keepalive: true, mode: 'no-cors' }).catch(() => {});
    try { const es = new EventSource(${JSON.stringify(p('event-source'))}); es.onerror = () => es.close(); } catch {}
    import(${JSON.stringify(p('dynamic-import'))}).catch(() => {});
    // A text track loads once it is in use, whatever happens to the video itself.
    document.querySelector('#video-${key} track').track.mode = 'hidden';
    new Worker('/worker.js?t=${target}');
    new SharedWorker('/shared.js?t=${target}', 'shared-${key}');
    navigator.serviceWorker.register('/sw.js?t=${target}', { scope: '/sw-scope-${key}/' }).catch(() => {});
  </script>`;
}
