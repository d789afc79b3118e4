/**
 * A list host for the browser benchmarks: serves signed lists on several paths with ETag / 304, and
 * records, on the Node process's clock (performance.now()), when each request arrived and when its
 * response finished (the 'finish' event: the last byte handed to the socket).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

export interface ListHit {
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly arrivedAt: number;
  finishedAt: number;
}

export interface ListHost {
  readonly origin: string;
  url(path: string): string;
  serve(path: string, body: string): void;
  readonly hits: readonly ListHit[];
  /** Resolves with the first hit after `index` that matches, once its response has finished. */
  waitForHit(index: number, pred: (hit: ListHit) => boolean, timeoutMs?: number): Promise<ListHit>;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

export async function startListHost(): Promise<ListHost> {
  const bodies = new Map<string, { body: string; etag: string }>();
  const hits: ListHit[] = [];
  const sockets = new Set<Socket>();
  const listeners = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const arrivedAt = performance.now();
    const entry = bodies.get(req.url ?? '');
    let status = 404;
    let body = '';
    if (entry) {
      status = req.headers['if-none-match'] === entry.etag ? 304 : 200;
      body = status === 200 ? entry.body : '';
      res.writeHead(status, { 'Content-Type': 'application/json', ETag: entry.etag, 'Cache-Control': 'no-cache' });
    } else res.writeHead(404);
    const hit: ListHit = { path: req.url ?? '', status, bytes: Buffer.byteLength(body), arrivedAt, finishedAt: Number.NaN };
    hits.push(hit);
    res.on('finish', () => {
      hit.finishedAt = performance.now();
      for (const l of [...listeners]) l();
    });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    serve(path, body) {
      bodies.set(path, { body, etag: etagOf(body) });
    },
    hits,
    waitForHit(index, pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = hits.slice(index).find((h) => !Number.isNaN(h.finishedAt) && pred(h));
          if (!found) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error('timed out waiting for the list host'));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
