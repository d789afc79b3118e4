/**
 * Ed25519 through WebCrypto (Chrome 137+, Firefox 129+, Node 20), plus the strictness checks that
 * engines do not all make. Node 20 accepts the identity point as a public key and then verifies the
 * all-zero "signature" R = identity, S = 0 over any message: a pinned key of small order would let
 * anyone forge a list. Those checks are here, on raw bytes, so every engine gets them.
 */
import { arrayBufferBytes, ownBytes } from './bytes.ts';

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

/**
 * The y-coordinates (sign bit of x cleared) of every point whose order divides 8, with the two
 * non-canonical spellings y = p and y = p + 1, as in libsodium's `ge25519_has_small_order`. Comparing
 * with the sign bit masked also catches "negative zero" spellings of x = 0.
 * test/unit/blocklist-ed25519.test.ts recomputes each entry on the curve.
 */
const FF = 0xff;
const SMALL_ORDER_Y: readonly Uint8Array[] = [
  // y = 0: the two points of order 4
  new Uint8Array(32),
  // y = 1: the identity
  Uint8Array.from([1, ...new Array<number>(31).fill(0)]),
  // two y values of the four points of order 8
  Uint8Array.from([
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
  ]),
  Uint8Array.from([
    0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
    0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
  ]),
  // y = p - 1: the point of order 2; y = p and y = p + 1: non-canonical 0 and 1
  Uint8Array.from([0xec, ...new Array<number>(30).fill(FF), 0x7f]),
  Uint8Array.from([0xed, ...new Array<number>(30).fill(FF), 0x7f]),
  Uint8Array.from([0xee, ...new Array<number>(30).fill(FF), 0x7f]),
];

export type PointProblem = 'small-order' | 'non-canonical';

/** y (with the sign bit cleared) must be below p = 2^255 - 19, or the encoding is not the canonical one. */
function isCanonicalY(enc: Uint8Array): boolean {
  if (((enc[31] ?? 0) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (enc[i] !== FF) return true;
  return (enc[0] ?? 0) < 0xed;
}

function hasSmallOrder(enc: Uint8Array): boolean {
  return SMALL_ORDER_Y.some((y) => {
    for (let i = 0; i < 31; i++) if (enc[i] !== y[i]) return false;
    return ((enc[31] ?? 0) & 0x7f) === y[31];
  });
}

/** Why a 32-byte point encoding must not be used as a key or as R, or undefined if it may. */
export function pointProblem(enc: Uint8Array): PointProblem | undefined {
  if (hasSmallOrder(enc)) return 'small-order';
  if (!isCanonicalY(enc)) return 'non-canonical';
  return undefined;
}

/** S (the signature's second half, little-endian) must be below L; S + L verifies too in lax engines. */
export function isScalarReduced(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const si = s[i] ?? 0;
    const li = L[i] ?? 0;
    if (si < li) return true;
    if (si > li) return false;
  }
  return false;
}

export type SignatureProblem = 'length' | 's-out-of-range' | 'small-order-r';

export function signatureProblem(sig: Uint8Array): SignatureProblem | undefined {
  if (sig.length !== SIGNATURE_BYTES) return 'length';
  if (!isScalarReduced(sig.subarray(32))) return 's-out-of-range';
  if (pointProblem(sig.subarray(0, 32)) !== undefined) return 'small-order-r';
  return undefined;
}

/** Imports a raw key the caller has already checked with `pointProblem`. */
export async function importEd25519PublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', ownBytes(raw), { name: 'Ed25519' }, false, ['verify']);
}

/** False for any failure, including an engine that throws on input it dislikes. */
export async function verifyEd25519(key: CryptoKey, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  try {
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, ownBytes(signature), arrayBufferBytes(message));
  } catch {
    return false;
  }
}
