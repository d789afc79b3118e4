/**
 * Why a blocklist was refused. Every failure has its own code so that the extension can show the admin
 * something precise, tests can assert the exact check that fired, and a `serial-conflict` (a possible
 * key compromise) is never confused with an everyday `expired`.
 */
import { CLOCK_SKEW_MS, MAX_DOMAINS_PER_LIST, MAX_ENVELOPE_BYTES, MAX_SIGNATURES, MAX_VALIDITY_DAYS } from './limits.ts';

export const REASONS = {
  // The verifier's own configuration (the policy), checked before any byte of the envelope.
  'invalid-trusted-key': 'A pinned public key is not a valid Ed25519 key (32 bytes, standard base64, canonical, not of small order).',
  'invalid-threshold': 'The signature threshold must be a whole number from 1 to the number of distinct pinned keys.',
  'invalid-context': 'The verifier was called with an invalid clock, list id, list host or last-accepted record.',
  // The envelope, in the order checked.
  'too-large': `The envelope is larger than ${MAX_ENVELOPE_BYTES} bytes.`,
  'malformed-json': 'The envelope is not strict JSON (UTF-8, no duplicate keys, nothing after the document).',
  'malformed-envelope': 'The envelope is not a DSSE envelope: it needs exactly payloadType, payload and a non-empty signatures list of {keyid, sig}.',
  'too-many-signatures': `The envelope carries more than ${MAX_SIGNATURES} signatures.`,
  'bad-base64': 'The payload or a signature is not strict standard base64 with padding.',
  'wrong-payload-type': 'The payloadType is not application/vnd.cordon.blocklist+json.',
  // Signatures.
  'signature-length': 'A signature is not 64 bytes long, so it cannot be an Ed25519 signature.',
  'signature-s-out-of-range': 'A signature has S >= L (a malleable, non-canonical Ed25519 signature).',
  'signature-small-order-r': 'A signature has a small-order or non-canonical R point.',
  'no-valid-signature': 'No signature verifies against any pinned key: the list was altered or signed by someone else.',
  'threshold-not-met': 'Fewer distinct pinned keys signed the list than the threshold requires.',
  // The signed payload.
  'payload-not-json': 'The signed payload is not strict JSON.',
  'unknown-field': 'The signed payload has a field this version of Cordon does not know.',
  'unsupported-schema': 'The signed payload has a schema version this version of Cordon does not support.',
  'invalid-payload': 'The signed payload does not follow the blocklist schema.',
  'too-many-domains': `The list names more than ${MAX_DOMAINS_PER_LIST} domains and hosts in total.`,
  'validity-too-long': `The list is valid for more than ${MAX_VALIDITY_DAYS} days, or expires before it is issued.`,
  // Freshness and replay.
  'wrong-list-id': 'The list is a different list from the one this browser is configured for.',
  'issued-in-future': `The list is dated more than ${CLOCK_SKEW_MS / 60000} minutes in the future.`,
  expired: 'The list has expired; the last good list stays enforced and is marked stale.',
  'serial-rollback': 'The list is older than the one already accepted (lower serial): a possible replay.',
  'serial-conflict': 'The list has the same serial as the accepted one but different content: a signing key may be compromised.',
  // What the list would block.
  'invalid-domain': 'A domain or host in the list is not one the browser can match exactly.',
  'name-conflict': "A name is listed twice, or one app's allowed host would lift another app's block.",
  'blocks-own-host': 'The list would block the host it is published on, so no later list could ever be fetched.',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REASONS, value);
}
