/**
 * OTLP logs as the protocol defines them: the official .proto files (test/fixtures/opentelemetry-proto)
 * loaded with protobufjs. `throughProtobuf` turns a JSON export request into the protobuf message and
 * back; a field the protocol does not have, or a value of the wrong type, does not survive the trip,
 * so comparing the result with the input checks Cordon's JSON against OTLP itself.
 */
import { join, resolve } from 'node:path';
import protobuf from 'protobufjs';

const PROTO_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'opentelemetry-proto');

let requestType: protobuf.Type | undefined;

function exportLogsServiceRequest(): protobuf.Type {
  if (requestType) return requestType;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
  root.loadSync('opentelemetry/proto/collector/logs/v1/logs_service.proto', { keepCase: false });
  requestType = root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest');
  return requestType;
}

/** The request encoded as OTLP protobuf and decoded again, in the JSON mapping (64-bit integers as strings). */
export function throughProtobuf(json: unknown): unknown {
  const type = exportLogsServiceRequest();
  const message = type.fromObject(json as Record<string, unknown>);
  const problem = type.verify(message);
  if (problem !== null) throw new Error(`not an OTLP ExportLogsServiceRequest: ${problem}`);
  return type.toObject(type.decode(type.encode(message).finish()), { longs: String, enums: Number, defaults: false });
}
