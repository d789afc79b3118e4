/**
 * A list host under the test's control: serves one path with a chosen behaviour (a list with ETag, an
 * error status, a slow drip, an oversized or truncated body, a redirect) and records every request.
 * Plain http on 127.0.0.1, which Cordon accepts only for loopback test servers.
 */
import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export type Behaviour =
  | { readonly kind: 'list'; readonly body: string }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'drip'; readonly body: string; readonly intervalMs: number }
  | { readonly kind: 'oversize'; readonly bytes: number; readonly declareLength: boolean }
  | { readonly kind: 'truncate'; readonly body: string }
  | { readonly kind: 'redirect'; readonly location: string }
  /** 304 Not Modified to every request, validators or not: a misconfigured server or CDN. */
  | { readonly kind: 'not-modified' }
  /** Holds each request open until `release()`, then answers with the body (as 'list' does). */
  | { readonly kind: 'hold'; readonly body: string };

export interface ListRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

export interface ListServer {
  readonly port: number;
  readonly url: string;
  readonly requests: readonly ListRequest[];
  serve(behaviour: Behaviour): void;
  /** Resolves once a request is being held ('hold'). */
  held(): Promise<void>;
  /** Answers every held request. */
  release(): void;
  /** Stops listening (connections refused) until start() is called again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

export async function startListServer(path = '/cordon/list.json'): Promise<ListServer> {
  let behaviour: Behaviour = { kind: 'status', status: 404 };
  const requests: ListRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const holding: (() => void)[] = [];
  const heldWaiters: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    const respond = (status: number) => requests.push({ path: req.url ?? '', headers: req.headers, status });
    if (req.url !== path) {
      respond(404);
      res.writeHead(404).end();
      return;
    }
    const b = behaviour;
    switch (b.kind) {
      case 'list': {
        const etag = etagOf(b.body);
        if (req.headers['if-none-match'] === etag) {
          respond(304);
          res.writeHead(304, { ETag: etag }).end();
          return;
        }
        respond(200);
        res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': 'no-cache' }).end(b.body);
        return;
      }
      case 'status':
        respond(b.status);
        res.writeHead(b.status, { 'Content-Type': 'text/plain' }).end(`HTTP ${b.status}`);
        return;
      case 'redirect':
        respond(302);
        res.writeHead(302, { Location: b.location }).end();
        return;
      case 'not-modified':
        respond(304);
        res.writeHead(304, { ETag: '"anything"' }).end();
        return;
      case 'hold': {
        respond(200);
        holding.push(() => res.writeHead(200, { 'Content-Type': 'application/json', ETag: etagOf(b.body) }).end(b.body));
        for (const waiter of heldWaiters.splice(0)) waiter();
        return;
      }
      case 'drip': {
        respond(200);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(b.body)) });
        let offset = 0;
        const timer = setInterval(() => {
          if (offset >= b.body.length || res.destroyed) {
            clearInterval(timer);
            res.end();
            return;
          }
          res.write(b.body.slice(offset, offset + 16));
          offset += 16;
        }, b.intervalMs);
        timers.add(timer);
        return;
      }
      case 'oversize': {
        respond(200);
        res.writeHead(200, { 'Content-Type': 'application/json', ...(b.declareLength ? { 'Content-Length': String(b.bytes) } : {}) });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < b.bytes) {
            const part = chunk.subarray(0, Math.min(chunk.length, b.bytes - sent));
            sent += part.length;
            if (!res.write(part)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      case 'truncate': {
        respond(200);
        // Declares the whole body, sends half, then drops the connection.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(b.body)) });
        res.write(b.body.slice(0, Math.floor(b.body.length / 2)), () => req.socket.destroy());
        return;
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  const stop = async () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();

  return {
    port,
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    serve(next) {
      behaviour = next;
    },
    held() {
      return holding.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => heldWaiters.push(resolve));
    },
    release() {
      for (const answer of holding.splice(0)) answer();
    },
    stop,
    start: listen,
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
