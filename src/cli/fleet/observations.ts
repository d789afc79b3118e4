/**
 * Cordon's status records out of what an OpenTelemetry Collector wrote: the `file` exporter writes one
 * OTLP JSON export request per line (`{"resourceLogs": [...]}`), the same shape the extension posts.
 * Everything read here came from browsers, or from anyone able to post to the collector: values are
 * only ever data (checked types, bounded strings), never trusted to be well formed.
 */

import type { Health } from '../../core/reporting/records.ts';

export type { Health };

export interface StatusObservation {
  /** `service.instance.id`: one browser profile's install. */
  readonly install: string;
  readonly label?: string;
  /** When the check was made (the record's `timeUnixNano`), in milliseconds. */
  readonly at: number;
  readonly listId?: string;
  readonly serial?: number;
  readonly health: Health;
  readonly problem?: string;
}

export interface ReadResult {
  readonly observations: StatusObservation[];
  /** Lines that were not JSON, or not an export request: counted, not fatal (a collector file may be cut mid-line). */
  readonly badLines: number;
  /** Records of other kinds (blocked visits, other services' logs). */
  readonly otherRecords: number;
}

type AnyValue = { stringValue?: unknown; intValue?: unknown; boolValue?: unknown; arrayValue?: unknown };
type KeyValues = readonly { key?: unknown; value?: AnyValue }[] | undefined;

const MAX_TEXT = 200;

function attribute(attrs: KeyValues, key: string): string | undefined {
  if (!Array.isArray(attrs)) return undefined;
  const found = (attrs as { key?: unknown; value?: AnyValue }[]).find((a) => a?.key === key)?.value;
  const v = found?.stringValue ?? found?.intValue;
  if (typeof v === 'string') return v.slice(0, MAX_TEXT);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/** `timeUnixNano` (a decimal string, or a number from a lenient writer) in milliseconds. */
function millis(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(Math.trunc(value)) : value;
  if (typeof text !== 'string' || !/^\d{1,25}$/.test(text)) return undefined;
  const ms = text.length <= 6 ? 0 : Number(text.slice(0, -6));
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

const HEALTH = new Set<Health>(['current', 'stale', 'error']);

function eventNameOf(record: Record<string, unknown>): unknown {
  // eventName is the OTLP 1.5+ field; older pipelines may carry it as the `event.name` attribute.
  return record.eventName ?? attribute(record.attributes as KeyValues, 'event.name');
}

export function readExportLines(lines: Iterable<string>): ReadResult {
  const observations: StatusObservation[] = [];
  let badLines = 0;
  let otherRecords = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let body: unknown;
    try {
      body = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    const resourceLogs = (body as { resourceLogs?: unknown })?.resourceLogs;
    if (!Array.isArray(resourceLogs)) {
      badLines++;
      continue;
    }
    for (const rl of resourceLogs as { resource?: { attributes?: KeyValues }; scopeLogs?: unknown }[]) {
      const resource = rl?.resource?.attributes;
      const install = attribute(resource, 'service.instance.id');
      const label = attribute(resource, 'cordon.device.label');
      const scopeLogs = Array.isArray(rl?.scopeLogs) ? (rl.scopeLogs as { logRecords?: unknown }[]) : [];
      for (const sl of scopeLogs) {
        const records = Array.isArray(sl?.logRecords) ? (sl.logRecords as Record<string, unknown>[]) : [];
        for (const record of records) {
          if (typeof record !== 'object' || record === null || eventNameOf(record) !== 'cordon.status' || install === undefined) {
            otherRecords++;
            continue;
          }
          const attrs = record.attributes as KeyValues;
          const at = millis(record.timeUnixNano) ?? millis(record.observedTimeUnixNano);
          const health = attribute(attrs, 'cordon.status') as Health | undefined;
          if (at === undefined || health === undefined || !HEALTH.has(health)) {
            otherRecords++;
            continue;
          }
          const serialText = attribute(attrs, 'cordon.list.serial');
          const serial = serialText !== undefined && /^\d{1,15}$/.test(serialText) ? Number(serialText) : undefined;
          const listId = attribute(attrs, 'cordon.list.id');
          const problem = attribute(attrs, 'cordon.problem.code');
          observations.push({
            install,
            ...(label === undefined ? {} : { label }),
            at,
            ...(listId === undefined ? {} : { listId }),
            ...(serial === undefined ? {} : { serial }),
            health,
            ...(problem === undefined ? {} : { problem }),
          });
        }
      }
    }
  }
  return { observations, badLines, otherRecords };
}
