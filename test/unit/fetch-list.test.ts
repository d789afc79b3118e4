/** fetchList against a real local HTTP server: status codes, validators, caps, timeout, redirects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchList } from '../../src/core/fetch-list.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';

let server: ListServer;
beforeAll(async () => {
  server = await startListServer();
});
afterAll(async () => {
  await server.close();
});

describe('fetchList', () => {
  it('fetches the bytes with their ETag, then gets a 304 when sending it back', async () => {
    server.serve({ kind: 'list', body: '{"x":1}' });
    const first = await fetchList(server.url);
    expect(first.kind).toBe('fetched');
    if (first.kind !== 'fetched') return;
    expect(new TextDecoder().decode(first.bytes)).toBe('{"x":1}');
    expect(first.validators.etag).toMatch(/^".+"$/);
    expect(await fetchList(server.url, { validators: first.validators })).toEqual({ kind: 'not-modified' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(first.validators.etag);
    expect(server.requests.at(-1)?.headers.cookie).toBeUndefined();
  });

  it.each([404, 500, 503])('HTTP %i is a failure', async (status) => {
    server.serve({ kind: 'status', status });
    expect(await fetchList(server.url)).toMatchObject({ kind: 'failed', code: 'fetch-status' });
  });

  it.each([true, false])('a body over the cap fails (Content-Length declared: %s)', async (declareLength) => {
    server.serve({ kind: 'oversize', bytes: 300_000, declareLength });
    expect(await fetchList(server.url, { maxBytes: 100_000 })).toMatchObject({ kind: 'failed', code: 'fetch-too-large' });
  });

  it('a slow drip past the deadline fails with a timeout', async () => {
    server.serve({ kind: 'drip', body: 'x'.repeat(200), intervalMs: 100 });
    const started = Date.now();
    expect(await fetchList(server.url, { timeoutMs: 400 })).toMatchObject({ kind: 'failed', code: 'fetch-timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a truncated body fails', async () => {
    server.serve({ kind: 'truncate', body: '{"payload":"' + 'a'.repeat(1000) + '"}' });
    expect(await fetchList(server.url)).toMatchObject({ kind: 'failed', code: 'fetch-network' });
  });

  it('a redirect to another origin fails; one within the origin is followed', async () => {
    const other = await startListServer();
    try {
      other.serve({ kind: 'list', body: '{"from":"elsewhere"}' });
      server.serve({ kind: 'redirect', location: other.url });
      expect(await fetchList(server.url)).toMatchObject({ kind: 'failed', code: 'fetch-redirect' });
    } finally {
      await other.close();
    }
    server.serve({ kind: 'redirect', location: `http://127.0.0.1:${server.port}/nowhere` });
    expect(await fetchList(server.url)).toMatchObject({ kind: 'failed', code: 'fetch-status' });
  });

  it('a server that is down fails with a network error', async () => {
    await server.stop();
    try {
      expect(await fetchList(server.url)).toMatchObject({ kind: 'failed', code: 'fetch-network' });
    } finally {
      await server.start();
    }
  });

  it('refuses plain http to a non-loopback host before any request', async () => {
    expect(await fetchList('http://lists.example/x.json')).toMatchObject({ kind: 'failed', message: /https/ });
  });
});
