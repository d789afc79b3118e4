/**
 * Self-test for the traffic server, against real Chromium.
 * Run: node --import tsx test/support/traffic-server.selftest.ts
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { startTrafficServer, type Hit } from './traffic-server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fmt(h: Hit): string {
  return `${h.kind.padEnd(9)} ${h.method.padEnd(7)} ${h.host}:${h.port}${h.path}`;
}

/** Sends a raw proxy request with Node, no browser involved. */
function proxyGet(proxyPort: number, absoluteUrl: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: absoluteUrl, method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const server = await startTrafficServer();
  console.log(`traffic server on ${server.proxyUrl} (started in ${Date.now() - t0} ms)`);
  let browser: Browser | undefined;
  try {
    // --- Node-only checks: API surface ---
    const direct = await proxyGet(server.port, 'http://node.example/hello');
    assert.equal(direct.status, 200);
    assert.equal(direct.headers['content-type'], 'text/html');
    assert.equal(direct.headers['cache-control'], 'no-store');
    assert.equal(direct.headers['access-control-allow-origin'], '*');
    assert.equal(direct.body, '<!doctype html><title>node.example</title><h1 id="host">node.example</h1>');
    server.route((req) => (req.path === '/routed' ? { status: 418, headers: { 'X-Test': 'a' }, body: 'older' } : undefined));
    server.route((req) => (req.path === '/routed' ? { status: 201, body: 'newer' } : undefined));
    const routed = await proxyGet(server.port, 'http://node.example/routed');
    assert.equal(routed.status, 201, 'most recent responder wins');
    assert.equal(routed.body, 'newer');
    assert.equal(routed.headers['access-control-allow-origin'], '*');
    assert.equal(server.hitsFor('example').length, 2);
    assert.equal(server.hitsFor('node.example').length, 2);
    assert.equal(server.hitsFor('de.example').length, 0, 'hitsFor is label-wise, not a string suffix');
    await assert.rejects(server.waitForHit((h) => h.host === 'never.example', 100), /no matching hit/);
    const past = await server.waitForHit((h) => h.path === '/routed', 100);
    assert.equal(past.host, 'node.example');
    server.reset();
    assert.equal(server.hits.length, 0);

    // --- Real Chromium ---
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        `--proxy-server=${server.proxyUrl}`,
        '--ignore-certificate-errors',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const context = await browser.newContext();
    const page = await context.newPage();

    // Plain HTTP page via the proxy, plus a subresource script and image.
    const resp1 = await page.goto('http://allowed.example/');
    assert.equal(resp1?.status(), 200);
    assert.equal(await page.textContent('#host'), 'allowed.example');
    const sub = await page.evaluate(async () => {
      const img = new Image();
      img.src = 'http://img.example/pixel.png';
      await img.decode();
      const s = document.createElement('script');
      s.src = 'http://cdn.example/lib.js';
      await new Promise((res, rej) => {
        s.onload = res;
        s.onerror = rej;
        document.head.appendChild(s);
      });
      return { w: img.naturalWidth, h: img.naturalHeight, loaded: (window as unknown as { __loaded?: string[] }).__loaded };
    });
    assert.deepEqual(sub, { w: 1, h: 1, loaded: ['allowed.example'] });

    // ws:// from the http page (an https page would block it as mixed content).
    const wsPlainEcho = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const ws = new WebSocket('ws://ws2.example/socket');
          ws.onopen = () => ws.send('hello-plain');
          ws.onmessage = (e) => {
            resolve(String(e.data));
            ws.close();
          };
          ws.onerror = () => reject(new Error('ws error'));
          setTimeout(() => reject(new Error('ws timeout')), 10_000);
        }),
    );
    assert.equal(wsPlainEcho, 'hello-plain');

    // HTTPS page through a CONNECT tunnel.
    const resp2 = await page.goto('https://secure.example/');
    assert.equal(resp2?.status(), 200);
    assert.equal(await page.textContent('#host'), 'secure.example');

    const json = await page.evaluate(async () => {
      const r = await fetch('https://api.example/x.json');
      return { status: r.status, body: (await r.json()) as unknown };
    });
    assert.deepEqual(json, { status: 200, body: { ok: true } });

    const wssEcho = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const ws = new WebSocket('wss://ws.example/socket');
          ws.onopen = () => ws.send('hello-tls');
          ws.onmessage = (e) => {
            resolve(String(e.data));
            ws.close();
          };
          ws.onerror = () => reject(new Error('wss error'));
          setTimeout(() => reject(new Error('wss timeout')), 10_000);
        }),
    );
    assert.equal(wssEcho, 'hello-tls');

    console.log('\nhits:');
    for (const h of server.hits) console.log('  ' + fmt(h));

    const has = (kind: Hit['kind'], host: string, port: number, path?: string): boolean =>
      server.hits.some((h) => h.kind === kind && h.host === host && h.port === port && (path === undefined || h.path === path));

    assert.ok(has('http', 'allowed.example', 80, '/'), 'http allowed.example/');
    assert.ok(has('http', 'img.example', 80, '/pixel.png'), 'http img.example png');
    assert.ok(has('http', 'cdn.example', 80, '/lib.js'), 'http cdn.example js');
    assert.ok(has('connect', 'secure.example', 443), 'CONNECT secure.example:443');
    assert.ok(has('http', 'secure.example', 443, '/'), 'http (tunnelled) secure.example/');
    assert.ok(has('connect', 'api.example', 443), 'CONNECT api.example:443');
    assert.ok(has('http', 'api.example', 443, '/x.json'), 'http (tunnelled) api.example/x.json');
    assert.ok(has('connect', 'ws.example', 443), 'CONNECT ws.example:443');
    assert.ok(has('websocket', 'ws.example', 443, '/socket'), 'websocket wss://ws.example');
    assert.ok(has('websocket', 'ws2.example', 80, '/socket'), 'websocket ws://ws2.example');
    const ws2Connect = server.hits.find((h) => h.kind === 'connect' && h.host === 'ws2.example');
    console.log(`\nws:// via proxy: ${ws2Connect ? `tunnelled with CONNECT ${ws2Connect.host}:${ws2Connect.port}` : 'sent as a plain absolute-URL upgrade'}`);
    assert.equal(server.hitsFor('nottiktok.com').length, 0);

    await context.close();
  } finally {
    const tc = Date.now();
    await browser?.close();
    await server.close();
    console.log(`closed browser + server in ${Date.now() - tc} ms`);
  }
  console.log('\ntraffic-server selftest: OK');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('traffic-server selftest: FAILED');
    console.error(err);
    process.exit(1);
  },
);
