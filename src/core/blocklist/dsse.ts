/**
 * DSSE v1 (github.com/secure-systems-lab/dsse): the envelope and its Pre-Authentication Encoding.
 * Signing PAE(type, bytes) rather than the JSON binds the payload type into the signature, and the
 * verifier parses only the bytes it verified, never a re-serialisation.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { concatBytes, decodeUtf8, utf8 } from './bytes.ts';
import { isJsonObject, parseStrictJson, type JsonValue } from './json.ts';
import { MAX_SIGNATURES, MAX_TEXT } from './limits.ts';
import type { ReasonCode } from './reasons.ts';

export const PAYLOAD_TYPE = 'application/vnd.cordon.blocklist+json';

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes, decimal. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

export interface EnvelopeSignature {
  /** Unauthenticated hint; absent when the signer gave none. */
  readonly keyid?: string;
  readonly sig: Uint8Array;
}

export interface Envelope {
  readonly payloadType: string;
  readonly payload: Uint8Array;
  readonly signatures: readonly EnvelopeSignature[];
}

export type EnvelopeResult =
  /** `text`: the envelope's bytes as the UTF-8 text that was parsed. */
  | { readonly ok: true; readonly envelope: Envelope; readonly text: string }
  | { readonly ok: false; readonly reason: ReasonCode; readonly message: string; readonly path?: string };

const bad = (reason: ReasonCode, message: string, path?: string): EnvelopeResult =>
  path === undefined ? { ok: false, reason, message } : { ok: false, reason, message, path };

const ENVELOPE_FIELDS = ['payloadType', 'payload', 'signatures'];
const SIGNATURE_FIELDS = ['keyid', 'sig'];

/**
 * Parses envelope bytes without trusting anything in them. The size cap is the caller's first check;
 * this covers strict JSON, the exact envelope shape, the signature count and strict base64.
 */
export function parseEnvelope(bytes: Uint8Array): EnvelopeResult {
  const text = decodeUtf8(bytes);
  if (text === undefined) return bad('malformed-json', 'not valid UTF-8');
  const json = parseStrictJson(text);
  if (!json.ok) return bad('malformed-json', json.message);
  const env = json.value;
  if (!isJsonObject(env)) return bad('malformed-envelope', 'the envelope is not a JSON object');
  for (const key of Object.keys(env)) {
    if (!ENVELOPE_FIELDS.includes(key)) return bad('malformed-envelope', `unexpected envelope field ${JSON.stringify(key)}`, key);
  }
  const { payloadType, payload, signatures } = env;
  if (typeof payloadType !== 'string') return bad('malformed-envelope', 'payloadType is missing or not a string', 'payloadType');
  if (typeof payload !== 'string') return bad('malformed-envelope', 'payload is missing or not a string', 'payload');
  if (!Array.isArray(signatures) || signatures.length === 0) {
    return bad('malformed-envelope', 'signatures is missing, not a list, or empty', 'signatures');
  }
  if (signatures.length > MAX_SIGNATURES) {
    return bad('too-many-signatures', `the envelope carries ${signatures.length} signatures; at most ${MAX_SIGNATURES} are allowed`, 'signatures');
  }
  const raw: { keyid: string | undefined; sig: string }[] = [];
  for (const [i, s] of signatures.entries()) {
    const shape = signatureShape(s, `signatures[${i}]`);
    if (typeof shape === 'string') return bad('malformed-envelope', shape, `signatures[${i}]`);
    raw.push(shape);
  }

  const payloadBytes = decodeBase64(payload);
  if (!payloadBytes.ok) return bad('bad-base64', `payload ${payloadBytes.message}`, 'payload');
  const decoded: EnvelopeSignature[] = [];
  for (const [i, s] of raw.entries()) {
    const sig = decodeBase64(s.sig);
    if (!sig.ok) return bad('bad-base64', `signatures[${i}].sig ${sig.message}`, `signatures[${i}].sig`);
    decoded.push(s.keyid === undefined ? { sig: sig.bytes } : { keyid: s.keyid, sig: sig.bytes });
  }
  return { ok: true, envelope: { payloadType, payload: payloadBytes.bytes, signatures: decoded }, text };
}

function signatureShape(s: JsonValue | undefined, path: string): { keyid: string | undefined; sig: string } | string {
  if (!isJsonObject(s)) return `${path} is not an object`;
  for (const key of Object.keys(s)) {
    if (!SIGNATURE_FIELDS.includes(key)) return `unexpected field ${JSON.stringify(key)} in ${path}`;
  }
  const { keyid, sig } = s;
  if (typeof sig !== 'string') return `${path}.sig is missing or not a string`;
  if (keyid !== undefined && (typeof keyid !== 'string' || keyid.length > MAX_TEXT.keyid)) {
    return `${path}.keyid is not a string of at most ${MAX_TEXT.keyid} characters`;
  }
  return { keyid, sig };
}

/** The envelope as Cordon writes it: stable field order, two-space indent, final newline. */
export function serializeEnvelope(payloadType: string, payload: Uint8Array, signatures: readonly { keyid?: string; sig: Uint8Array }[]): string {
  const body = {
    payloadType,
    payload: encodeBase64(payload),
    signatures: signatures.map((s) => (s.keyid === undefined ? { sig: encodeBase64(s.sig) } : { keyid: s.keyid, sig: encodeBase64(s.sig) })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
