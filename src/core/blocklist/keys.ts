/**
 * Pinned public keys and their ids. A key id is derived from the key bytes, so anyone can recompute it;
 * in an envelope it is only a hint for which pinned key to try first and never decides trust.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { bytesEqual, ownBytes, toHex } from './bytes.ts';
import { importEd25519PublicKey, pointProblem, PUBLIC_KEY_BYTES } from './ed25519.ts';

/** 16 lowercase hex characters: the first 8 bytes of SHA-256 of the raw 32-byte public key. */
export type KeyId = string;

export interface TrustedKey {
  readonly raw: Uint8Array;
  readonly base64: string;
  readonly keyId: KeyId;
  readonly cryptoKey: CryptoKey;
}

export type PublicKeyCheck =
  | { readonly ok: true; readonly raw: Uint8Array<ArrayBuffer> }
  | { readonly ok: false; readonly message: string };

export async function keyIdOf(raw: Uint8Array): Promise<KeyId> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', ownBytes(raw)));
  return toHex(digest.subarray(0, 8));
}

/** Checks the exact form a policy carries: standard base64 of the raw 32 bytes. */
export function checkPublicKey(text: unknown): PublicKeyCheck {
  if (typeof text !== 'string') return { ok: false, message: 'is not a string' };
  const decoded = decodeBase64(text);
  if (!decoded.ok) return { ok: false, message: `is not valid base64: it ${decoded.message}` };
  if (decoded.bytes.length !== PUBLIC_KEY_BYTES) {
    return { ok: false, message: `is ${decoded.bytes.length} bytes; an Ed25519 public key is 32` };
  }
  const problem = pointProblem(decoded.bytes);
  if (problem === 'small-order') return { ok: false, message: 'is a point of small order, which would verify forged signatures' };
  if (problem === 'non-canonical') return { ok: false, message: 'is not a canonical point encoding' };
  return { ok: true, raw: decoded.bytes };
}

/**
 * Imports the pinned keys, dropping repeats: the same key pinned twice is still one signer, so it can
 * never count twice toward the threshold.
 */
export async function loadTrustedKeys(
  texts: readonly string[],
): Promise<{ ok: true; keys: TrustedKey[] } | { ok: false; index: number; message: string }> {
  const keys: TrustedKey[] = [];
  for (const [index, text] of texts.entries()) {
    const check = checkPublicKey(text);
    if (!check.ok) return { ok: false, index, message: `trustedKeys[${index}] ${check.message}` };
    if (keys.some((k) => bytesEqual(k.raw, check.raw))) continue;
    let cryptoKey: CryptoKey;
    try {
      cryptoKey = await importEd25519PublicKey(check.raw);
    } catch {
      return { ok: false, index, message: `trustedKeys[${index}] was refused by this browser's WebCrypto` };
    }
    keys.push({ raw: check.raw, base64: encodeBase64(check.raw), keyId: await keyIdOf(check.raw), cryptoKey });
  }
  return { ok: true, keys };
}
