/**
 * A local OTLP/HTTP logs receiver for the browser tests: it records every request to `/v1/logs` (the
 * headers and the body as sent), answers 200 or, while `down` is set, 503 (a collector OTLP clients
 * must retry). Loopback http, which Cordon accepts for `reportUrl` only on this machine.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface OtlpReceiver {
  readonly url: string;
  readonly received: ReceivedExport[];
  /** Answer 503 until set back to false. */
  down: boolean;
  /** Every log record of every request answered 200, in arrival order. */
  records(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedExport[] = [];
  const state = { down: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = req.url !== '/v1/logs' || req.method !== 'POST' ? 404 : state.down ? 503 : 200;
      received.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(status === 200 ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    received,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    records() {
      return received
        .filter((r) => r.status === 200)
        .flatMap((r) => {
          const body = JSON.parse(r.body) as { resourceLogs: { resource: unknown; scopeLogs: { logRecords: Record<string, unknown>[] }[] }[] };
          return body.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords.map((lr) => ({ ...lr, resource: rl.resource }))));
        });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
