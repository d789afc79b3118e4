/**
 * The report queue, kept in storage so that a collector down for hours loses nothing within its
 * bound, and the decisions about a delivery attempt. Pure: the worker stores the queue and sends.
 *
 * Delivery never touches enforcement: a full queue drops its oldest records (and counts them, so the
 * next status report says how many were lost), and a collector that refuses is retried with backoff.
 */
import type { LogRecord } from './otlp.ts';

export const QUEUE_LIMITS = {
  /** Records kept while the collector cannot be reached. */
  records: 500,
  /** JSON bytes kept (UTF-16 length of each record's JSON, an upper bound of its UTF-8 size for ASCII). */
  bytes: 256 * 1024,
  /** Records sent in one request. */
  batch: 100,
} as const;

export interface QueuedRecord {
  readonly record: LogRecord;
  /** Its JSON length, to keep the byte bound without serialising the queue again. */
  readonly size: number;
}

export interface ReportQueue {
  readonly records: readonly QueuedRecord[];
  /** Records dropped since the last status report that said so. */
  readonly dropped: number;
  /** Consecutive failed deliveries, for backoff. */
  readonly failures: number;
  readonly lastAttempt?: DeliveryRecord;
  readonly lastDelivered?: string;
}

export interface DeliveryRecord {
  readonly at: string;
  readonly outcome: DeliveryOutcome;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly count: number }
  /** The collector refused the batch for good (OTLP: any status but 429, 502, 503, 504): it is dropped. */
  | { readonly kind: 'rejected'; readonly status: number; readonly count: number }
  /** Kept for the next attempt: a network error, a timeout, or a status OTLP says to retry. */
  | { readonly kind: 'retry'; readonly reason: 'unreachable' | 'timeout' }
  | { readonly kind: 'retry'; readonly reason: 'status'; readonly status: number };

export const EMPTY_QUEUE: ReportQueue = { records: [], dropped: 0, failures: 0 };

export function enqueue(queue: ReportQueue, records: readonly LogRecord[]): ReportQueue {
  let all = [...queue.records, ...records.map((record) => ({ record, size: JSON.stringify(record).length }))];
  let bytes = all.reduce((n, r) => n + r.size, 0);
  let dropped = queue.dropped;
  while (all.length > QUEUE_LIMITS.records || (bytes > QUEUE_LIMITS.bytes && all.length > 0)) {
    bytes -= all[0]?.size ?? 0;
    all = all.slice(1);
    dropped++;
  }
  return { ...queue, records: all, dropped };
}

/** The oldest records, up to a batch. */
export function nextBatch(queue: ReportQueue): readonly LogRecord[] {
  return queue.records.slice(0, QUEUE_LIMITS.batch).map((q) => q.record);
}

/** What an HTTP answer to an OTLP export means (OTLP/HTTP: 429, 502, 503 and 504 are worth retrying). */
export function outcomeOfStatus(status: number, count: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', count };
  if (status === 429 || status === 502 || status === 503 || status === 504) return { kind: 'retry', reason: 'status', status };
  return { kind: 'rejected', status, count };
}

/** The queue after an attempt to send its first `sent` records. */
export function afterDelivery(queue: ReportQueue, sent: number, outcome: DeliveryOutcome, at: Date): ReportQueue {
  const lastAttempt = { at: at.toISOString(), outcome };
  if (outcome.kind === 'retry') return { ...queue, failures: queue.failures + 1, lastAttempt };
  const rest = queue.records.slice(sent);
  return {
    ...queue,
    records: rest,
    failures: 0,
    lastAttempt,
    ...(outcome.kind === 'delivered' ? { lastDelivered: at.toISOString() } : {}),
  };
}

/** Minutes to wait before retrying after `failures` failed attempts: 1, 2, 4, … up to 60. */
export function retryDelayMinutes(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1));
}

/** The queue as read back from storage, or an empty one: a future version may store another shape. */
export function readQueue(value: unknown): ReportQueue {
  if (typeof value !== 'object' || value === null) return EMPTY_QUEUE;
  const q = value as Partial<ReportQueue>;
  if (!Array.isArray(q.records) || typeof q.dropped !== 'number' || typeof q.failures !== 'number') return EMPTY_QUEUE;
  return q as ReportQueue;
}
