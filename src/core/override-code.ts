/**
 * Break-glass override codes (issue #15): `cordon override` prints a code that lets one browser (its
 * install id) use one app for at most 24 hours, signed with the organisation's pinned keys; the
 * employee types it on the block page and the worker checks it offline, against the keys the policy
 * pins and the threshold it sets, exactly as it checks a list.
 *
 * A code is bytes written in Crockford's base32 (case-insensitive, O/0 and I/L/1 read alike, dashes and
 * spaces ignored) so it survives being read out over the phone:
 *
 *   0        version (1)
 *   1..4     issuedAt, whole seconds since 1970 (big-endian)
 *   5..6     minutes it lasts, 1 to 1440 (big-endian)
 *   7..10    the first 4 bytes of the install id it is for (only to say "another browser" in words)
 *   11       length n of the app id, then n bytes of the app id
 *   then     length r of the reason (0 to 120 bytes), then r bytes of UTF-8
 *   then     1 to 8 Ed25519 signatures of 64 bytes each: the rest of the code
 *
 * Each signature is over DSSE's PAE(OVERRIDE_PAYLOAD_TYPE, body), where body is every byte before the
 * signatures followed by the full install id: the same signing primitive as lists (so the same keys,
 * tools and external signers work), under a payload type of its own so that a list signature can never
 * pass as a code or the reverse. The app id and the install id prefix are only hints for the refusal
 * message; the signature covers the full install id and the app, and decides.
 */
import { base32crockford } from '@scure/base';
import { pae } from './blocklist/dsse.ts';
import { concatBytes, decodeUtf8, utf8 } from './blocklist/bytes.ts';
import { signatureProblem, SIGNATURE_BYTES } from './blocklist/ed25519.ts';
import { loadTrustedKeys, type KeyId } from './blocklist/keys.ts';
import { CLOCK_SKEW_MS, MAX_SIGNATURES, MAX_TRUSTED_KEYS } from './blocklist/limits.ts';
import { isAppId, textProblem, toIsoSeconds } from './blocklist/payload.ts';
import { creditedSigners } from './blocklist/verify.ts';

export const OVERRIDE_PAYLOAD_TYPE = 'application/vnd.cordon.override+v1';
const VERSION = 1;
export const MAX_OVERRIDE_MINUTES = 24 * 60;
export const MAX_OVERRIDE_REASON_BYTES = 120;
const INSTALL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Longest code text accepted: header, a 64-character app id, the longest reason, 8 signatures, dashes. */
const MAX_CODE_CHARS = 1600;

/** What a code says, before anything about it is trusted. */
export interface OverrideClaims {
  readonly app: string;
  /** Epoch seconds. */
  readonly issuedAt: number;
  readonly minutes: number;
  /** 8 lowercase hex digits: the start of the install id the code names. */
  readonly installPrefix: string;
  readonly reason?: string;
}

interface DecodedCode extends OverrideClaims {
  /** The bytes before the signatures, as signed. */
  readonly header: Uint8Array;
  readonly signatures: readonly Uint8Array[];
}

export type OverrideRefusal =
  | 'malformed'
  | 'other-app'
  | 'other-browser'
  | 'not-signed'
  | 'threshold-not-met'
  | 'issued-in-future'
  | 'expired'
  | 'no-pinned-keys';

export type OverrideResult =
  | {
      readonly ok: true;
      readonly app: string;
      /** ISO instants. */
      readonly issuedAt: string;
      readonly until: string;
      readonly reason?: string;
      readonly signers: readonly KeyId[];
    }
  | { readonly ok: false; readonly refusal: OverrideRefusal; readonly detail: string };

/** Whether `value` is an install id as the extension makes them (`crypto.randomUUID()`). */
export const isInstallId = (value: unknown): value is string => typeof value === 'string' && INSTALL_ID.test(value);

const installPrefixOf = (installId: string): string => installId.slice(0, 8);

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** The header bytes of a code (everything but the signatures). Throws on claims no code may carry. */
export function overrideHeader(claims: Omit<OverrideClaims, 'installPrefix'> & { readonly installId: string }): Uint8Array<ArrayBuffer> {
  if (!isInstallId(claims.installId)) throw new Error('the install id must be the one the popup shows (a UUID in lowercase)');
  if (!isAppId(claims.app)) throw new Error('the app id must be 1 to 64 characters of a-z, 0-9 and -');
  if (!Number.isSafeInteger(claims.issuedAt) || claims.issuedAt < 0 || claims.issuedAt > 0xffff_ffff) throw new Error('the issue time is out of range');
  if (!Number.isSafeInteger(claims.minutes) || claims.minutes < 1 || claims.minutes > MAX_OVERRIDE_MINUTES) {
    throw new Error(`an override lasts 1 minute to ${MAX_OVERRIDE_MINUTES / 60} hours`);
  }
  const reason = utf8(claims.reason ?? '');
  if (claims.reason !== undefined) {
    const problem = textProblem(claims.reason, MAX_OVERRIDE_REASON_BYTES);
    if (problem !== undefined) throw new Error(`the reason ${problem}`);
    if (reason.length > MAX_OVERRIDE_REASON_BYTES) throw new Error(`the reason is longer than ${MAX_OVERRIDE_REASON_BYTES} bytes of UTF-8`);
  }
  const fixed = new Uint8Array(11);
  const view = new DataView(fixed.buffer);
  view.setUint8(0, VERSION);
  view.setUint32(1, claims.issuedAt);
  view.setUint16(5, claims.minutes);
  fixed.set(hexBytes(installPrefixOf(claims.installId)), 7);
  const app = utf8(claims.app);
  return concatBytes(fixed, Uint8Array.of(app.length), app, Uint8Array.of(reason.length), reason);
}

/** The bytes each signature covers: the header, bound to the full install id, under the code's own type. */
export function overrideSigningBytes(header: Uint8Array, installId: string): Uint8Array<ArrayBuffer> {
  return pae(OVERRIDE_PAYLOAD_TYPE, concatBytes(header, utf8(installId)));
}

/** The code as an employee types it: base32 in groups of five. */
export function formatOverrideCode(header: Uint8Array, signatures: readonly Uint8Array[]): string {
  const text = base32crockford.encode(concatBytes(header, ...signatures));
  return (text.match(/.{1,5}/g) ?? []).join('-');
}

function decodeCode(text: string): DecodedCode | string {
  if (typeof text !== 'string' || text.length > MAX_CODE_CHARS) return 'is too long to be an override code';
  const compact = text.replace(/[\s-]/g, '');
  if (compact === '') return 'is empty';
  let bytes: Uint8Array;
  try {
    bytes = base32crockford.decode(compact.toUpperCase());
  } catch {
    return 'has characters or a length no override code has (check for a typing mistake)';
  }
  if (bytes.length < 13 || bytes[0] !== VERSION) return 'is not an override code of a version this browser reads';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const appLength = bytes[11] ?? 0;
  const reasonAt = 12 + appLength;
  const reasonLength = bytes[reasonAt] ?? 0;
  const signaturesAt = reasonAt + 1 + reasonLength;
  const rest = bytes.length - signaturesAt;
  if (appLength === 0 || rest < SIGNATURE_BYTES || rest % SIGNATURE_BYTES !== 0 || rest / SIGNATURE_BYTES > MAX_SIGNATURES) {
    return 'is cut short or has extra characters (check for a missing or repeated group)';
  }
  const app = decodeUtf8(bytes.subarray(12, reasonAt));
  const reason = reasonLength === 0 ? '' : decodeUtf8(bytes.subarray(reasonAt + 1, signaturesAt));
  if (app === undefined || !isAppId(app)) return 'names no valid app';
  if (reason === undefined || (reason !== '' && (reasonLength > MAX_OVERRIDE_REASON_BYTES || textProblem(reason, MAX_OVERRIDE_REASON_BYTES) !== undefined))) {
    return 'carries a reason that is not plain text';
  }
  const minutes = view.getUint16(5);
  if (minutes < 1 || minutes > MAX_OVERRIDE_MINUTES) return `lasts ${minutes} minutes; an override lasts at most ${MAX_OVERRIDE_MINUTES / 60} hours`;
  const signatures: Uint8Array[] = [];
  for (let at = signaturesAt; at < bytes.length; at += SIGNATURE_BYTES) signatures.push(bytes.slice(at, at + SIGNATURE_BYTES));
  return {
    app,
    issuedAt: view.getUint32(1),
    minutes,
    installPrefix: Array.from(bytes.subarray(7, 11), (b) => b.toString(16).padStart(2, '0')).join(''),
    ...(reason === '' ? {} : { reason }),
    header: bytes.slice(0, signaturesAt),
    signatures,
  };
}

/** What a code claims, for `cordon override --show` and the refusal messages; nothing here is verified. */
export function readOverrideCode(text: string): OverrideClaims | string {
  const decoded = decodeCode(text);
  if (typeof decoded === 'string') return decoded;
  const { header: _h, signatures: _s, ...claims } = decoded;
  return claims;
}

export interface OverrideContext {
  /** This browser's install id. */
  readonly installId: string;
  /** The app whose block page the code was typed on. */
  readonly appId: string;
  /** The pinned keys and threshold the policy sets (base64 of the raw 32 bytes). */
  readonly trustedKeys: readonly string[];
  readonly threshold: number;
  /** The decision clock (core/state.ts `decisionTime`): setting the device clock back cannot revive a code. */
  readonly now: Date;
}

const iso = (seconds: number) => toIsoSeconds(new Date(seconds * 1000));
const refuse = (refusal: OverrideRefusal, detail: string): OverrideResult => ({ ok: false, refusal, detail });

/**
 * Checks a typed code for this browser and app. The order matters for the words only: every refusal
 * refuses. The signatures are checked before the clock, so a forged code is never called "expired".
 */
export async function verifyOverrideCode(text: string, ctx: OverrideContext): Promise<OverrideResult> {
  if (ctx.trustedKeys.length === 0) return refuse('no-pinned-keys', 'this browser pins no signing keys');
  if (ctx.trustedKeys.length > MAX_TRUSTED_KEYS) return refuse('no-pinned-keys', `the policy pins more than ${MAX_TRUSTED_KEYS} keys`);
  const decoded = decodeCode(text);
  if (typeof decoded === 'string') return refuse('malformed', `the code ${decoded}`);
  if (decoded.app !== ctx.appId) return refuse('other-app', `the code is for the app "${decoded.app}", not "${ctx.appId}"`);
  if (decoded.installPrefix !== installPrefixOf(ctx.installId)) {
    return refuse('other-browser', `the code is for the browser whose install id starts ${decoded.installPrefix}; this browser's starts ${installPrefixOf(ctx.installId)}`);
  }
  const loaded = await loadTrustedKeys(ctx.trustedKeys);
  if (!loaded.ok) return refuse('no-pinned-keys', loaded.message);
  if (!Number.isSafeInteger(ctx.threshold) || ctx.threshold < 1 || ctx.threshold > loaded.keys.length) {
    return refuse('no-pinned-keys', `the policy's threshold ${String(ctx.threshold)} cannot be met by ${loaded.keys.length} pinned key(s)`);
  }
  const wellFormed = decoded.signatures.filter((sig) => signatureProblem(sig) === undefined).map((sig) => ({ sig }));
  const signers = await creditedSigners(overrideSigningBytes(decoded.header, ctx.installId), wellFormed, loaded.keys);
  if (signers.length === 0) {
    return refuse('not-signed', 'no signature on the code verifies with a key your organisation pins, for this browser and this app (a typing mistake, or a code from someone else)');
  }
  if (signers.length < ctx.threshold) {
    return refuse('threshold-not-met', `${signers.length} of the ${ctx.threshold} signatures your organisation requires`);
  }
  const now = ctx.now.getTime();
  const issuedAt = decoded.issuedAt * 1000;
  const until = issuedAt + decoded.minutes * 60_000;
  if (issuedAt > now + CLOCK_SKEW_MS) return refuse('issued-in-future', `the code is dated ${iso(decoded.issuedAt)}, later than this browser's clock`);
  if (now >= until) return refuse('expired', `the code ended at ${iso(decoded.issuedAt + decoded.minutes * 60)}`);
  return {
    ok: true,
    app: decoded.app,
    issuedAt: iso(decoded.issuedAt),
    until: iso(decoded.issuedAt + decoded.minutes * 60),
    ...(decoded.reason === undefined ? {} : { reason: decoded.reason }),
    signers: signers.map((k) => k.keyId),
  };
}
