/**
 * Signed blocklists: DSSE v1 envelopes over a strict JSON payload, Ed25519 signatures checked against
 * pinned keys. See docs/blocklist-format.md. Web-standard APIs only (WebCrypto, TextEncoder): this
 * code runs unchanged in the extension's service worker and in the `cordon` CLI under Node.
 */
export { verifyBlocklist, isExpired, effectiveMode } from './verify.ts';
export type { VerifyContext, VerifyResult, VerifySuccess, VerifyFailure, VerifyFailureDetail, LastAccepted } from './verify.ts';
export { contextFromJson, type VerifyContextJson } from './context.ts';
export { REASONS, REASON_CODES, isReasonCode, type ReasonCode } from './reasons.ts';
export {
  parseBlocklistPayload,
  isIsoDate,
  isIsoDateTime,
  toIsoSeconds,
  contactProblem,
  textProblem,
  SCHEMA_VERSION,
  type Blocklist,
  type BlocklistApp,
  type BlocklistChange,
  type AppMode,
  type PayloadResult,
} from './payload.ts';
export { findInvalidDomain, findOwnHostBlocked, type DomainProblem } from './domains.ts';
export { pae, parseEnvelope, serializeEnvelope, PAYLOAD_TYPE, type Envelope, type EnvelopeSignature, type EnvelopeResult } from './dsse.ts';
export { keyIdOf, checkPublicKey, loadTrustedKeys, type KeyId, type TrustedKey, type PublicKeyCheck } from './keys.ts';
export { pointProblem, signatureProblem, isScalarReduced, PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './ed25519.ts';
export { encodeBase64, decodeBase64, type Base64Result, type Base64Problem } from './base64.ts';
export { parseStrictJson, isJsonObject, type JsonValue, type JsonObject, type JsonResult } from './json.ts';
export { utf8, decodeUtf8, toHex, sha256Hex } from './bytes.ts';
export * from './limits.ts';
