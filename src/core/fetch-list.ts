/**
 * Fetches the signed list. Web-standard `fetch` only, so the same code runs in the service worker and
 * under Node in tests against a real server. Everything here is about transport; trust comes only from
 * the signature check that follows.
 */
import { MAX_ENVELOPE_BYTES } from './blocklist/limits.ts';
import { listUrlProblem } from './policy.ts';

export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchFailureCode = 'fetch-network' | 'fetch-timeout' | 'fetch-status' | 'fetch-too-large' | 'fetch-redirect';

export type FetchOutcome =
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'fetched'; readonly bytes: Uint8Array; readonly validators: Validators }
  | { readonly kind: 'failed'; readonly code: FetchFailureCode; readonly message: string };

export interface FetchOptions {
  readonly validators?: Validators;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

export const FETCH_TIMEOUT_MS = 20_000;

class TooLarge extends Error {}

const failed = (code: FetchFailureCode, message: string): FetchOutcome => ({ kind: 'failed', code, message });

/** Reads at most `max` bytes, failing as soon as the stream goes past it (the header may lie or be absent). */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function fetchList(url: string, options: FetchOptions = {}): Promise<FetchOutcome> {
  const problem = listUrlProblem(url);
  if (problem) return failed('fetch-network', `the list URL ${problem}`);
  const max = options.maxBytes ?? MAX_ENVELOPE_BYTES;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.validators?.etag) headers['If-None-Match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['If-Modified-Since'] = options.validators.lastModified;

  // One deadline covers connecting, headers and the whole body, so a server that drips bytes slowly
  // cannot hold a check open forever.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      headers,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    if (response.redirected && new URL(response.url).origin !== new URL(url).origin) {
      await response.body?.cancel().catch(() => undefined);
      return failed('fetch-redirect', `the list server redirected to another origin (${new URL(response.url).origin})`);
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      return failed('fetch-status', `the list server answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('Content-Length') ?? 'NaN');
    if (declared > max) {
      await response.body?.cancel().catch(() => undefined);
      return failed('fetch-too-large', `the list is ${declared} bytes; at most ${max} are accepted`);
    }
    const bytes = response.body ? await readCapped(response.body, max) : new Uint8Array();
    const etag = response.headers.get('ETag') ?? undefined;
    const lastModified = response.headers.get('Last-Modified') ?? undefined;
    return {
      kind: 'fetched',
      bytes,
      validators: { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) },
    };
  } catch (error) {
    if (error instanceof TooLarge) return failed('fetch-too-large', `the list is larger than ${max} bytes`);
    if (controller.signal.aborted) return failed('fetch-timeout', `the list server did not deliver the list within ${timeoutMs / 1000} s`);
    return failed('fetch-network', `the list server could not be reached (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
  }
}
