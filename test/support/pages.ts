/**
 * Fixture pages served by the traffic server. Each probe page loads one of every request kind from a
 * target host and reports the outcome in `window.__probe`, so a test can compare a blocked host with
 * an unblocked control host under exactly the same page.
 */
import type { Page } from 'playwright-core';
import type { TrafficServer } from './traffic-server.ts';

export interface ProbeTargets {
  readonly frame: string;
  readonly script: string;
  readonly image: string;
  readonly fetch: string;
  readonly websocket: string;
}

/** One TikTok host per request kind: subdomains of several of its registrable domains. */
export const TIKTOK_PROBE: ProbeTargets = {
  frame: 'www.tiktok.com',
  script: 'sf16-website-login.neutral.ttwstatic.com',
  image: 'p16-sign-va.tiktokcdn.com',
  fetch: 'mcs.tiktokv.com',
  websocket: 'webcast16-ws-useast1a.tiktok.com',
};

/** The same kinds of request to hosts nothing blocks: the control for TIKTOK_PROBE. */
export const CONTROL_PROBE: ProbeTargets = {
  frame: 'frame.control.example',
  script: 'script.control.example',
  image: 'image.control.example',
  fetch: 'fetch.control.example',
  websocket: 'ws.control.example',
};

export interface ProbeResult {
  readonly script: 'loaded' | 'error';
  readonly image: 'loaded' | 'error';
  readonly fetch: 'loaded' | 'error';
  readonly wss: 'open' | 'error';
  readonly ws: 'open' | 'error';
}

function probeHtml(t: ProbeTargets): string {
  return `<!doctype html><title>probe</title>
<iframe id="frame" src="https://${t.frame}/framed"></iframe>
<script>
  const probe = {};
  const settle = (key, value) => { probe[key] ??= value; };
  function socket(key, url) {
    try {
      const s = new WebSocket(url);
      s.onopen = () => { settle(key, 'open'); s.close(); };
      s.onerror = () => settle(key, 'error');
    } catch { settle(key, 'error'); }
  }
  const script = document.createElement('script');
  script.src = 'https://${t.script}/probe.js';
  script.onload = () => settle('script', 'loaded');
  script.onerror = () => settle('script', 'error');
  document.head.append(script);
  const image = new Image();
  image.onload = () => settle('image', 'loaded');
  image.onerror = () => settle('image', 'error');
  image.src = 'https://${t.image}/probe.png';
  fetch('https://${t.fetch}/probe.json').then(() => settle('fetch', 'loaded'), () => settle('fetch', 'error'));
  socket('wss', 'wss://${t.websocket}/socket');
  socket('ws', 'ws://${t.websocket}/socket');
  window.__probe = probe;
</script>`;
}

/**
 * Serves `http://<pageHost>/probe/<name>` with a probe page aimed at `targets`. Plain http, because an
 * https page may not open a ws:// socket at all (mixed content), which would hide what Cordon does.
 */
export function serveProbe(server: TrafficServer, pageHost: string, name: string, targets: ProbeTargets): string {
  server.route(({ host, path }) =>
    host === pageHost && path === `/probe/${name}`
      ? { headers: { 'Content-Type': 'text/html' }, body: probeHtml(targets) }
      : undefined,
  );
  return `http://${pageHost}/probe/${name}`;
}

/** Waits until every probe has settled, then returns the outcomes. */
export async function readProbe(page: Page): Promise<ProbeResult> {
  await page.waitForFunction(
    () => {
      const p = (window as unknown as { __probe?: Record<string, string> }).__probe;
      return p !== undefined && ['script', 'image', 'fetch', 'wss', 'ws'].every((k) => k in p);
    },
    undefined,
    { timeout: 15_000 },
  );
  return page.evaluate(() => ({ ...(window as unknown as { __probe: ProbeResult }).__probe }));
}

/** Serves a page at `https://<pageHost><path>` with the given HTML. */
export function serveHtml(server: TrafficServer, pageHost: string, path: string, html: string): string {
  server.route(({ host, path: p }) =>
    host === pageHost && p === path ? { headers: { 'Content-Type': 'text/html' }, body: html } : undefined,
  );
  return `https://${pageHost}${path}`;
}
