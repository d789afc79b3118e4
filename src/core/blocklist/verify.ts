/**
 * The one verifier, used by the extension's service worker and by `cordon verify`. Pure and
 * deterministic: the clock, the pinned keys and the last accepted list are all inputs.
 *
 * Checks run in a fixed order and the first failure wins, so a given envelope and context always yield
 * the same reason code (the committed test vectors pin that order down).
 */
import { decodeUtf8, sha256Hex } from './bytes.ts';
import { parseEnvelope, pae, PAYLOAD_TYPE, type Envelope } from './dsse.ts';
import { findInvalidDomain, findOwnHostBlocked } from './domains.ts';
import type { DomainErrorCode } from '../domain.ts';
import { signatureProblem, verifyEd25519 } from './ed25519.ts';
import { parseStrictJson } from './json.ts';
import { loadTrustedKeys, type KeyId, type TrustedKey } from './keys.ts';
import { CLOCK_SKEW_MS, MAX_ENVELOPE_BYTES, MAX_TEXT, MAX_TRUSTED_KEYS } from './limits.ts';
import { parseBlocklistPayload, type Blocklist } from './payload.ts';
import { REASONS, type ReasonCode } from './reasons.ts';

export interface LastAccepted {
  readonly serial: number;
  /** Lowercase hex SHA-256 of the accepted payload bytes (`VerifySuccess.payloadSha256`). */
  readonly payloadSha256: string;
}

export interface VerifyContext {
  /** Pinned Ed25519 public keys, each standard base64 of the raw 32 bytes. Repeats count once. */
  readonly trustedKeys: readonly string[];
  /** Distinct pinned keys that must have signed. */
  readonly threshold: number;
  /** The listId this browser is configured for; unchecked when absent. */
  readonly expectedListId?: string;
  /** Host of the URL the list was fetched from; the list must not block it. Unchecked when absent. */
  readonly listHost?: string;
  readonly now: Date;
  /** The list currently enforced, for rollback and conflict detection. Absent on first fetch. */
  readonly lastAccepted?: LastAccepted;
  /**
   * Whether to check what the list would block (step 10: every name canonical, no name conflict, not
   * the list's own host). Default true. False only to verify again a list this browser accepted with
   * every check: its names have not changed, and step 10 is what needs the Public Suffix List.
   */
  readonly checkNames?: boolean;
}

export interface VerifySuccess {
  readonly ok: true;
  readonly list: Blocklist;
  /** The exact bytes that were verified and parsed. */
  readonly payloadBytes: Uint8Array;
  readonly payloadSha256: string;
  /** Ids of the distinct pinned keys whose signatures verified, in the order of the pinned keys. */
  readonly signers: readonly KeyId[];
  /** "unchanged": same serial and same bytes as `lastAccepted`; nothing to apply. */
  readonly status: 'new' | 'unchanged';
  /** The envelope that verified, as its exact text (its bytes, decoded as UTF-8): what the worker keeps to verify again. */
  readonly envelopeText: string;
}

export interface VerifyFailureDetail {
  /** Where in the envelope or payload, e.g. `signatures[1].sig` or `apps[0].domains[3]`. */
  readonly path?: string;
  readonly domainError?: DomainErrorCode;
  readonly serial?: number;
  readonly lastSerial?: number;
  readonly issuedAt?: string;
  readonly expiresAt?: string;
  readonly listId?: string;
  readonly verifiedKeys?: number;
  readonly threshold?: number;
}

export interface VerifyFailure {
  readonly ok: false;
  readonly reason: ReasonCode;
  /** The reason's fixed sentence, then what exactly was wrong. */
  readonly message: string;
  readonly detail?: VerifyFailureDetail;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

function fail(reason: ReasonCode, specific?: string, detail?: VerifyFailureDetail): VerifyFailure {
  const message = specific === undefined ? REASONS[reason] : `${REASONS[reason]} (${specific})`;
  return detail === undefined ? { ok: false, reason, message } : { ok: false, reason, message, detail };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

async function checkContext(ctx: VerifyContext): Promise<VerifyFailure | TrustedKey[]> {
  if (!(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime())) return fail('invalid-context', 'now is not a valid date');
  if (ctx.expectedListId !== undefined && (typeof ctx.expectedListId !== 'string' || ctx.expectedListId === '')) {
    return fail('invalid-context', 'expectedListId is empty');
  }
  if (ctx.listHost !== undefined && (typeof ctx.listHost !== 'string' || ctx.listHost === '')) {
    return fail('invalid-context', 'listHost is empty');
  }
  const last = ctx.lastAccepted;
  if (last !== undefined && (!Number.isSafeInteger(last.serial) || last.serial < 1 || !HEX_SHA256.test(last.payloadSha256))) {
    return fail('invalid-context', 'lastAccepted needs a whole-number serial and a lowercase hex SHA-256');
  }
  if (!Array.isArray(ctx.trustedKeys) || ctx.trustedKeys.length === 0) return fail('invalid-trusted-key', 'no key is pinned');
  if (ctx.trustedKeys.length > MAX_TRUSTED_KEYS) return fail('invalid-trusted-key', `more than ${MAX_TRUSTED_KEYS} keys are pinned`);
  const loaded = await loadTrustedKeys(ctx.trustedKeys);
  if (!loaded.ok) return fail('invalid-trusted-key', loaded.message, { path: `trustedKeys[${loaded.index}]` });
  if (!Number.isSafeInteger(ctx.threshold) || ctx.threshold < 1 || ctx.threshold > loaded.keys.length) {
    return fail('invalid-threshold', `threshold ${String(ctx.threshold)} with ${loaded.keys.length} distinct pinned key(s)`, {
      threshold: ctx.threshold,
    });
  }
  return loaded.keys;
}

/**
 * Counts distinct pinned keys with a valid signature over `message`. A keyid only reorders which keys
 * are tried; each signature credits at most one key, and a key already credited is never credited
 * again, so repeating a signature or relabelling its keyid cannot reach a threshold.
 */
export async function creditedSigners(
  message: Uint8Array,
  signatures: readonly { readonly keyid?: string; readonly sig: Uint8Array }[],
  keys: readonly TrustedKey[],
): Promise<TrustedKey[]> {
  const credited = new Set<TrustedKey>();
  for (const signature of signatures) {
    const candidates = [
      ...keys.filter((k) => k.keyId === signature.keyid),
      ...keys.filter((k) => k.keyId !== signature.keyid),
    ].filter((k) => !credited.has(k));
    for (const key of candidates) {
      if (await verifyEd25519(key.cryptoKey, signature.sig, message)) {
        credited.add(key);
        break;
      }
    }
  }
  return keys.filter((k) => credited.has(k));
}

const verifiedSigners = (envelope: Envelope, keys: readonly TrustedKey[]): Promise<TrustedKey[]> =>
  creditedSigners(pae(envelope.payloadType, envelope.payload), envelope.signatures, keys);

export async function verifyBlocklist(envelopeBytes: Uint8Array, ctx: VerifyContext): Promise<VerifyResult> {
  const keys = await checkContext(ctx);
  if (!Array.isArray(keys)) return keys;

  // 1. Size, before any parsing.
  if (envelopeBytes.length > MAX_ENVELOPE_BYTES) {
    return fail('too-large', `${envelopeBytes.length} bytes`);
  }

  // 2. Strict JSON, envelope shape, signature count, strict base64.
  const parsed = parseEnvelope(envelopeBytes);
  if (!parsed.ok) return fail(parsed.reason, parsed.message, parsed.path === undefined ? undefined : { path: parsed.path });
  const { envelope, text: envelopeText } = parsed;

  // 3. Exact payload type: the type is signed too, but a list is only ever read as this one type.
  if (envelope.payloadType !== PAYLOAD_TYPE) {
    return fail('wrong-payload-type', `got ${JSON.stringify(envelope.payloadType.slice(0, MAX_TEXT.keyid))}`, { path: 'payloadType' });
  }

  // 4. Signatures: shape first for every signature (a legitimate signer never produces these), then
  //    verification against the pinned keys only.
  for (const [i, signature] of envelope.signatures.entries()) {
    const problem = signatureProblem(signature.sig);
    const path = `signatures[${i}].sig`;
    if (problem === 'length') return fail('signature-length', `${path} is ${signature.sig.length} bytes`, { path });
    if (problem === 's-out-of-range') return fail('signature-s-out-of-range', path, { path });
    if (problem === 'small-order-r') return fail('signature-small-order-r', path, { path });
  }
  // The payload's SHA-256 (step 9) only reads bytes, never parses them: start it now so that it runs on
  // WebCrypto's own thread beside the signature checks and the parsing below. Its result is used only
  // once the signatures verified; when an earlier check fails it is simply dropped.
  const payloadDigest = sha256Hex(envelope.payload);
  payloadDigest.catch(() => undefined);
  const signers = await verifiedSigners(envelope, keys);

  // 5. Threshold of distinct pinned keys.
  if (signers.length === 0) return fail('no-valid-signature', undefined, { verifiedKeys: 0, threshold: ctx.threshold });
  if (signers.length < ctx.threshold) {
    return fail('threshold-not-met', `${signers.length} of ${ctx.threshold} required`, {
      verifiedKeys: signers.length,
      threshold: ctx.threshold,
    });
  }

  // 6. Only now are the payload bytes read, and only the bytes that were verified.
  const payloadBytes = envelope.payload;
  const payloadText = decodeUtf8(payloadBytes);
  if (payloadText === undefined) return fail('payload-not-json', 'not valid UTF-8');
  const json = parseStrictJson(payloadText);
  if (!json.ok) return fail('payload-not-json', json.message);
  const payload = parseBlocklistPayload(json.value);
  if (!payload.ok) return fail(payload.reason, payload.message, { path: payload.path });
  const { list } = payload;

  // 7. The right list.
  if (ctx.expectedListId !== undefined && list.listId !== ctx.expectedListId) {
    return fail('wrong-list-id', `got "${list.listId}", expected "${ctx.expectedListId}"`, { listId: list.listId });
  }

  // 8. Freshness.
  const now = ctx.now.getTime();
  if (Date.parse(list.issuedAt) > now + CLOCK_SKEW_MS) {
    return fail('issued-in-future', `issuedAt ${list.issuedAt}`, { issuedAt: list.issuedAt });
  }
  if (now >= Date.parse(list.expiresAt)) {
    return fail('expired', `expiresAt ${list.expiresAt}`, { expiresAt: list.expiresAt });
  }

  // 9. Rollback and replay.
  const payloadSha256 = await payloadDigest;
  let status: VerifySuccess['status'] = 'new';
  const last = ctx.lastAccepted;
  if (last !== undefined) {
    const detail = { serial: list.serial, lastSerial: last.serial };
    if (list.serial < last.serial) return fail('serial-rollback', `serial ${list.serial} < accepted ${last.serial}`, detail);
    if (list.serial === last.serial) {
      if (payloadSha256 !== last.payloadSha256) return fail('serial-conflict', `serial ${list.serial}`, detail);
      status = 'unchanged';
    }
  }

  // 10. What it would block.
  const verified: VerifySuccess = { ok: true, list, payloadBytes, payloadSha256, signers: signers.map((k) => k.keyId), status, envelopeText };
  if (ctx.checkNames === false) return verified;
  const invalidDomain = findInvalidDomain(list);
  if (invalidDomain?.kind === 'name-conflict') return fail('name-conflict', invalidDomain.message, { path: invalidDomain.path });
  if (invalidDomain !== undefined) {
    return fail('invalid-domain', invalidDomain.message, {
      path: invalidDomain.path,
      ...(invalidDomain.kind === 'invalid-domain' && invalidDomain.domainError !== undefined ? { domainError: invalidDomain.domainError } : {}),
    });
  }
  if (ctx.listHost !== undefined) {
    const ownHost = findOwnHostBlocked(list, ctx.listHost);
    if (ownHost !== undefined) return fail('blocks-own-host', ownHost.message, { path: ownHost.path });
  }

  return verified;
}

/**
 * For a list already enforced: once past `expiresAt` it stays enforced but is shown as stale, since
 * failing open would hand the banned apps back to anyone who can block the list's URL.
 */
export function isExpired(list: Pick<Blocklist, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(list.expiresAt);
}

/** Whether an app with `enforceFrom` is still in its warning period. */
export function effectiveMode(app: { readonly mode: 'block' | 'warn'; readonly enforceFrom?: string }, now: Date): 'block' | 'warn' {
  if (app.mode === 'warn') return 'warn';
  if (app.enforceFrom !== undefined && now.getTime() < Date.parse(`${app.enforceFrom}T00:00:00Z`)) return 'warn';
  return 'block';
}
