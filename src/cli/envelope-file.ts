/** Reading a signed list's payload without verifying it: for inspect, and for what sign/verify compare against. */
import {
  decodeUtf8,
  parseEnvelope,
  parseStrictJson,
  isJsonObject,
  sha256Hex,
  MAX_ENVELOPE_BYTES,
  type Envelope,
  type JsonValue,
} from '../core/blocklist/index.ts';
import { CliError } from './errors.ts';
import { readFileCapped } from './files.ts';

export interface UnverifiedList {
  readonly envelope: Envelope;
  readonly payloadJson: JsonValue;
  readonly payloadSha256: string;
  readonly serial: number | undefined;
}

export function readEnvelopeBytes(path: string): Uint8Array {
  return readFileCapped(path, MAX_ENVELOPE_BYTES);
}

export async function readUnverified(path: string): Promise<UnverifiedList> {
  const bytes = readEnvelopeBytes(path);
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new CliError(`${path}: larger than ${MAX_ENVELOPE_BYTES} bytes, not a signed list`);
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) throw new CliError(`${path}: not a signed list (${parsed.reason}: ${parsed.message})`);
  const text = decodeUtf8(parsed.envelope.payload);
  const json = text === undefined ? undefined : parseStrictJson(text);
  if (json === undefined || !json.ok) throw new CliError(`${path}: the payload is not JSON`);
  const serial = isJsonObject(json.value) && typeof json.value.serial === 'number' ? json.value.serial : undefined;
  return { envelope: parsed.envelope, payloadJson: json.value, payloadSha256: await sha256Hex(parsed.envelope.payload), serial };
}
