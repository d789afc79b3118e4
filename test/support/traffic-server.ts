/**
 * Traffic server for the real-browser test harness.
 *
 * One local process plays two roles:
 *  - the HTTP proxy Chromium is pointed at (`--proxy-server=http://127.0.0.1:PORT`), and
 *  - the origin server for every host name the browser asks for (there is no internet).
 *
 * Everything that reaches it is recorded as a {@link Hit}, so tests can assert that a blocked
 * host received zero requests and zero connections (CONNECT tunnels are recorded on their own,
 * before any TLS handshake, so even a tunnel that is opened and never used is visible).
 *
 * Routing:
 *  - plain `GET http://host/path` proxy requests are answered locally;
 *  - `CONNECT host:port` is acknowledged, then the tunnel's first byte decides where the socket
 *    goes: 0x16 (TLS handshake) → in-process HTTPS server with a self-signed certificate
 *    (Chromium runs with --ignore-certificate-errors), anything else → in-process plain HTTP
 *    server (Chromium tunnels ws:// through an HTTP proxy with CONNECT host:80);
 *  - WebSocket upgrades (direct or inside a tunnel) are accepted and echo every message.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Hit {
  /** 'tls': a TLS connection straight to `directTlsPort` (no proxy), recorded by its SNI at the handshake. */
  kind: 'http' | 'connect' | 'websocket' | 'tls';
  host: string;
  port: number;
  path: string;
  method: string;
  time: number;
}

export type Responder = (req: {
  host: string;
  path: string;
  method: string;
  secure: boolean;
  headers: IncomingHttpHeaders;
}) => { status?: number; headers?: Record<string, string>; body: string | Buffer } | undefined;

export interface TrafficServer {
  readonly port: number;
  /** 'http://127.0.0.1:PORT' */
  readonly proxyUrl: string;
  /**
   * A port that speaks TLS directly, for a browser routed with --host-resolver-rules instead of a proxy
   * (Chromium refuses some speculative loads behind a proxy). Every connection is a 'tls' hit.
   */
  readonly directTlsPort: number;
  /** Every request / CONNECT / websocket upgrade, in arrival order. */
  readonly hits: readonly Hit[];
  /** Hits whose host is `host` or a subdomain of it (label-wise). */
  hitsFor(host: string): Hit[];
  /** Clears recorded hits. */
  reset(): void;
  /** Adds a responder, consulted before the default one, most recently added first. */
  route(responder: Responder): void;
  /** Resolves with the first matching hit (already recorded or future); rejects on timeout. */
  waitForHit(pred: (h: Hit) => boolean, timeoutMs?: number): Promise<Hit>;
  close(): Promise<void>;
}

/** A valid 1x1 transparent PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const DEFAULT_WAIT_MS = 5_000;

function noop(): void {
  /* socket errors (ECONNRESET, EPIPE, ...) are expected when the browser goes away */
}

/** A predicate that throws counts as "no match" rather than breaking the recording loop. */
function safeTest(pred: (h: Hit) => boolean, hit: Hit): boolean {
  try {
    return pred(hit);
  } catch {
    return false;
  }
}

function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** Splits "host:port", "[v6]:port" or "host" into parts; port falls back to `defaultPort`. */
function splitHostPort(value: string, defaultPort: number): { host: string; port: number } {
  const v = value.trim();
  let host = v;
  let portText = '';
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    if (end !== -1) {
      host = v.slice(1, end);
      const rest = v.slice(end + 1);
      if (rest.startsWith(':')) portText = rest.slice(1);
    }
  } else {
    const colon = v.lastIndexOf(':');
    if (colon !== -1 && v.indexOf(':') === colon) {
      host = v.slice(0, colon);
      portText = v.slice(colon + 1);
    }
  }
  const port = portText === '' ? defaultPort : Number(portText);
  return { host: normalizeHost(host), port: Number.isInteger(port) && port > 0 ? port : defaultPort };
}

function isSecure(req: IncomingMessage): boolean {
  return req.socket instanceof TLSSocket;
}

/** Host, port and path of a request, whether it arrived as a proxy request or inside a tunnel. */
function requestTarget(req: IncomingMessage, ownPort: number): { host: string; port: number; path: string } {
  const rawUrl = req.url ?? '/';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl)) {
    try {
      const url = new URL(rawUrl);
      const defaultPort = url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
      return {
        host: normalizeHost(url.hostname.replace(/^\[|\]$/g, '')),
        port: url.port === '' ? defaultPort : Number(url.port),
        path: (url.pathname || '/') + url.search,
      };
    } catch {
      /* fall through to the Host header */
    }
  }
  const secure = isSecure(req);
  // A relative URL on the proxy's own listening socket means someone talked to us directly.
  const direct = !secure && (req.socket.localPort === ownPort) && !tunnelled.has(req.socket);
  const defaultPort = secure ? 443 : direct ? ownPort : 80;
  const { host, port } = splitHostPort(req.headers.host ?? '', defaultPort);
  return { host, port, path: rawUrl.startsWith('/') ? rawUrl : '/' + rawUrl };
}

/** Sockets that were handed to an in-process server after a CONNECT. */
const tunnelled = new WeakSet<object>();

function defaultResponse(host: string, path: string): { status: number; headers: Record<string, string>; body: string | Buffer } {
  const pathname = (path.split(/[?#]/, 1)[0] ?? '/').toLowerCase();
  if (pathname.endsWith('.js')) {
    return {
      status: 200,
      headers: { 'Content-Type': 'application/javascript' },
      body: 'window.__loaded = (window.__loaded||[]).concat(location.host);',
    };
  }
  if (pathname.endsWith('.png')) {
    return { status: 200, headers: { 'Content-Type': 'image/png' }, body: PNG_1X1 };
  }
  if (pathname.endsWith('.json')) {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
  }
  const safeHost = host.replace(/[<>&"']/g, '');
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html' },
    body: `<!doctype html><title>${safeHost}</title><h1 id="host">${safeHost}</h1>`,
  };
}

export async function startTrafficServer(): Promise<TrafficServer> {
  const pems = await generate([{ name: 'commonName', value: 'cordon-traffic-server.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 24 * 3600 * 1000),
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
  });

  const hits: Hit[] = [];
  const responders: Responder[] = [];
  const sockets = new Set<Duplex>();
  const waiters = new Set<{ pred: (h: Hit) => boolean; resolve: (h: Hit) => void }>();
  let port = 0;
  let closed = false;

  function track(socket: Duplex): void {
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.on('error', noop);
    socket.once('close', () => sockets.delete(socket));
    if (closed) socket.destroy();
  }

  function record(hit: Omit<Hit, 'time'>): void {
    const full: Hit = { ...hit, time: Date.now() };
    hits.push(full);
    for (const w of [...waiters]) {
      if (safeTest(w.pred, full)) {
        waiters.delete(w);
        w.resolve(full);
      }
    }
  }

  // ---- HTTP handling shared by the proxy, the tunnelled plain server and the TLS server ----

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    track(req.socket);
    req.on('error', noop);
    res.on('error', noop);
    const { host, port: targetPort, path } = requestTarget(req, port);
    const method = req.method ?? 'GET';
    record({ kind: 'http', host, port: targetPort, path, method });
    // Drain any request body; we never need it.
    req.resume();

    const base: Record<string, string> = {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    };
    let answer: { status?: number; headers?: Record<string, string>; body: string | Buffer } | undefined;
    const info = { host, path, method, secure: isSecure(req), headers: req.headers };
    for (let i = responders.length - 1; i >= 0 && answer === undefined; i--) {
      try {
        answer = responders[i]?.(info);
      } catch (err) {
        answer = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: String(err) };
      }
    }
    if (answer === undefined && method === 'OPTIONS') {
      answer = {
        status: 204,
        headers: {
          'Access-Control-Allow-Methods': '*',
          'Access-Control-Allow-Headers': '*',
        },
        body: '',
      };
    }
    answer ??= defaultResponse(host, path);

    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    const headers: Record<string, string> = { ...base, ...(answer.headers ?? {}) };
    headers['Content-Length'] = String(body.length);
    try {
      res.writeHead(answer.status ?? 200, headers);
      res.end(method === 'HEAD' ? undefined : body);
    } catch {
      req.socket.destroy();
    }
  }

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('error', noop);
  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', noop);
    ws.on('message', (data, isBinary) => {
      try {
        ws.send(data, { binary: isBinary });
      } catch {
        /* peer went away */
      }
    });
  });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    track(socket);
    const { host, port: targetPort, path } = requestTarget(req, port);
    record({ kind: 'websocket', host, port: targetPort, path, method: req.method ?? 'GET' });
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      socket.destroy();
      return;
    }
    try {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch {
      socket.destroy();
    }
  }

  function configure(server: http.Server): void {
    server.on('request', handleRequest);
    server.on('upgrade', handleUpgrade);
    server.on('clientError', (_err: Error, socket: Duplex) => socket.destroy());
    server.on('error', noop);
    server.keepAliveTimeout = 5_000;
  }

  const plainServer = http.createServer();
  configure(plainServer);

  const tlsServer = https.createServer({ key: pems.private, cert: pems.cert });
  configure(tlsServer);
  tlsServer.on('tlsClientError', (_err: Error, socket: TLSSocket) => socket.destroy());
  tlsServer.on('secureConnection', (socket: TLSSocket) => track(socket));

  // ---- The proxy itself ----

  const proxy = http.createServer();
  configure(proxy);
  proxy.on('connection', (socket: Socket) => track(socket));
  proxy.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(socket);
    const { host, port: targetPort } = splitHostPort(req.url ?? '', 443);
    record({ kind: 'connect', host, port: targetPort, path: '', method: 'CONNECT' });

    const dispatch = (first: Buffer): void => {
      if (closed) {
        socket.destroy();
        return;
      }
      socket.pause();
      socket.unshift(first);
      tunnelled.add(socket);
      if (first[0] === 0x16) {
        // TLSSocket wraps the raw handle and first replays whatever sits in the JS read buffer.
        tlsServer.emit('connection', socket);
      } else {
        // The proxy's HTTP parser already consumed this handle once, so the plain server reads via
        // 'data' events; the socket was paused explicitly, so it must be resumed to see the
        // unshifted first chunk.
        plainServer.emit('connection', socket);
        socket.resume();
      }
    };

    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', (err) => {
      if (err) socket.destroy();
    });
    if (head.length > 0) {
      dispatch(head);
    } else {
      socket.once('data', (chunk: Buffer) => dispatch(chunk));
      socket.resume();
    }
  });

  const directTls = https.createServer({ key: pems.private, cert: pems.cert });
  configure(directTls);
  directTls.on('tlsClientError', (_err: Error, socket: TLSSocket) => socket.destroy());
  directTls.on('connection', (socket: Socket) => track(socket));
  directTls.on('secureConnection', (socket: TLSSocket) => {
    track(socket);
    const servername = typeof socket.servername === 'string' ? socket.servername : '';
    record({ kind: 'tls', host: normalizeHost(servername), port: directTlsPort, path: '', method: 'TLS' });
  });

  const listen = (server: http.Server) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const a = server.address();
        resolve(a !== null && typeof a === 'object' ? a.port : 0);
      });
    });
  await listen(proxy);
  const directTlsPort = await listen(directTls);
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('traffic server: no TCP address');
  port = address.port;
  const proxyUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    proxyUrl,
    directTlsPort,
    get hits(): readonly Hit[] {
      return hits;
    },
    hitsFor(domain: string): Hit[] {
      const d = normalizeHost(domain);
      return hits.filter((h) => h.host === d || h.host.endsWith('.' + d));
    },
    reset(): void {
      hits.length = 0;
    },
    route(responder: Responder): void {
      responders.push(responder);
    },
    waitForHit(pred: (h: Hit) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<Hit> {
      const existing = hits.find((h) => safeTest(pred, h));
      if (existing) return Promise.resolve(existing);
      return new Promise<Hit>((resolve, reject) => {
        const waiter = {
          pred,
          resolve: (h: Hit): void => {
            clearTimeout(timer);
            resolve(h);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`traffic server: no matching hit within ${timeoutMs} ms (${hits.length} hits recorded)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      proxy.closeAllConnections();
      plainServer.closeAllConnections();
      tlsServer.closeAllConnections();
      directTls.closeAllConnections();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => directTls.close(() => resolve()));
    },
  };
}

let drains = 0;

/**
 * The condition that replaces a pause before asserting that nothing reached a host: the page makes one
 * more request, to a host nothing blocks, and this waits until the server has it. By then every request
 * the browser started earlier has had the same way to the server. `page` is a Playwright page or frame,
 * or a Puppeteer page (anything with `evaluate`).
 */
export async function drained(server: TrafficServer, page: object, timeoutMs = 15_000): Promise<void> {
  const path = `/drain-${process.pid}-${++drains}`;
  const url = `https://drain.control.example${path}`;
  const arrived = server.waitForHit((h) => h.host === 'drain.control.example' && h.path === path, timeoutMs);
  const evaluate = (page as { evaluate: (fn: (u: string) => Promise<boolean>, arg: string) => Promise<unknown> }).evaluate.bind(page);
  await evaluate((u: string) => fetch(u, { mode: 'no-cors', cache: 'no-store' }).then(() => true, () => false), url);
  await arrived;
}
