/**
 * OpenTelemetry log records in OTLP/HTTP JSON (the protobuf JSON mapping of
 * opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest, as the OTLP specification defines
 * it): what an OpenTelemetry Collector's `/v1/logs`, or any backend that accepts OTLP, takes as is.
 * 64-bit integers are decimal strings, attribute values `AnyValue`s, field names lowerCamelCase.
 * test/unit/reporting-otlp.test.ts decodes the output with the official protobuf definitions.
 */

export type AnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly intValue: string }
  | { readonly arrayValue: { readonly values: readonly AnyValue[] } };

export interface KeyValue {
  readonly key: string;
  readonly value: AnyValue;
}

/** SeverityNumber of the log data model: INFO, WARN, ERROR. */
export const SEVERITY = { INFO: 9, WARN: 13, ERROR: 17 } as const;
export type Severity = keyof typeof SEVERITY;

export interface LogRecord {
  readonly timeUnixNano: string;
  readonly observedTimeUnixNano: string;
  readonly severityNumber: (typeof SEVERITY)[Severity];
  readonly severityText: Severity;
  readonly eventName: string;
  readonly body: { readonly stringValue: string };
  readonly attributes: readonly KeyValue[];
}

export interface ExportLogsServiceRequest {
  readonly resourceLogs: readonly {
    readonly resource: { readonly attributes: readonly KeyValue[] };
    readonly scopeLogs: readonly {
      readonly scope: { readonly name: string; readonly version: string };
      readonly logRecords: readonly LogRecord[];
    }[];
  }[];
}

/** One attribute value; undefined leaves the attribute out. */
export type AttributeValue = string | number | boolean | readonly string[] | undefined;

function anyValue(value: Exclude<AttributeValue, undefined>): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`attribute value ${value} is not a whole number`);
    return { intValue: String(value) };
  }
  return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
}

/** Attributes in the order given, leaving out undefined values. */
export function attributes(entries: Readonly<Record<string, AttributeValue>>): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out.push({ key, value: anyValue(value) });
  return out;
}

/** Nanoseconds since the epoch as the decimal string the JSON mapping uses for fixed64. */
export function unixNano(time: Date): string {
  const ms = time.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error('time before the epoch or not a time');
  return ms === 0 ? '0' : `${ms}000000`;
}

export function logRecord(time: Date, observed: Date, severity: Severity, eventName: string, body: string, attrs: readonly KeyValue[]): LogRecord {
  return {
    timeUnixNano: unixNano(time),
    observedTimeUnixNano: unixNano(observed),
    severityNumber: SEVERITY[severity],
    severityText: severity,
    eventName,
    body: { stringValue: body },
    attributes: attrs,
  };
}

export function exportRequest(resource: readonly KeyValue[], scope: { name: string; version: string }, records: readonly LogRecord[]): ExportLogsServiceRequest {
  return { resourceLogs: [{ resource: { attributes: resource }, scopeLogs: [{ scope, logRecords: records }] }] };
}
