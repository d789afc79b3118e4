/**
 * Strict standard base64 (RFC 4648 §4) with padding. DSSE lets verifiers accept URL-safe base64 too;
 * Cordon's profile does not: one spelling per byte string means a signed envelope has exactly one
 * textual form, and `atob` (which skips whitespace and accepts missing padding) is not used.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export type Base64Problem = 'url-safe' | 'whitespace' | 'padding' | 'invalid-character' | 'non-canonical';

export type Base64Result =
  | { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly ok: false; readonly problem: Base64Problem; readonly message: string };

const PROBLEMS: Record<Base64Problem, string> = {
  'url-safe': 'uses the URL-safe alphabet (- or _); only standard base64 is accepted',
  whitespace: 'contains whitespace',
  padding: 'is not padded to a multiple of 4 characters with =',
  'invalid-character': 'contains a character outside the base64 alphabet',
  'non-canonical': 'has non-zero bits after the last byte (not the canonical encoding)',
};

const valueAt = (text: string, i: number): number => Math.max(VALUES[text.charCodeAt(i)] ?? 0, 0);

const problem = (p: Base64Problem): Base64Result => ({ ok: false, problem: p, message: PROBLEMS[p] });

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET.charAt(b0 >> 2);
    out += ALPHABET.charAt(((b0 & 3) << 4) | ((b1 ?? 0) >> 4));
    out += b1 === undefined ? '=' : ALPHABET.charAt(((b1 & 15) << 2) | ((b2 ?? 0) >> 6));
    out += b2 === undefined ? '=' : ALPHABET.charAt(b2 & 63);
  }
  return out;
}

export function decodeBase64(text: string): Base64Result {
  // A signed envelope's payload is up to 1 MiB of base64, and almost always valid: decode it in one
  // pass, and only when that pass meets anything unexpected run the checks that name the problem.
  const bytes = decodeCanonical(text);
  return bytes === undefined ? decodeBase64Checked(text) : { ok: true, bytes };
}

/**
 * The bytes of `text` if it is canonical padded standard base64, otherwise undefined. Never accepts
 * what `decodeBase64Checked` refuses, nor decodes differently (test/unit/blocklist-base64.test.ts).
 */
function decodeCanonical(text: string): Uint8Array<ArrayBuffer> | undefined {
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  const pad = n === 0 || text.charCodeAt(n - 1) !== EQUALS ? 0 : text.charCodeAt(n - 2) === EQUALS ? 2 : 1;
  const out = new Uint8Array((n / 4) * 3 - pad);
  // Full groups of four; a padded last group is handled below.
  const end = pad === 0 ? n : n - 4;
  let o = 0;
  for (let i = 0; i < end; i += 4) {
    const n0 = text.charCodeAt(i);
    const n1 = text.charCodeAt(i + 1);
    const n2 = text.charCodeAt(i + 2);
    const n3 = text.charCodeAt(i + 3);
    if ((n0 | n1 | n2 | n3) > 127) return undefined;
    const c0 = VALUES[n0] as number;
    const c1 = VALUES[n1] as number;
    const c2 = VALUES[n2] as number;
    const c3 = VALUES[n3] as number;
    // -1 (not in the alphabet, '=' included) makes the OR negative.
    if ((c0 | c1 | c2 | c3) < 0) return undefined;
    const v = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  if (pad === 0) return out;
  const c0 = sextetAt(text, n - 4);
  const c1 = sextetAt(text, n - 3);
  const c2 = pad === 1 ? sextetAt(text, n - 2) : 0;
  if (c0 < 0 || c1 < 0 || c2 < 0) return undefined;
  // Bits below the last byte must be zero (the canonical spelling).
  if (pad === 2 ? (c1 & 15) !== 0 : (c2 & 3) !== 0) return undefined;
  out[o++] = (c0 << 2) | (c1 >> 4);
  if (pad === 1) out[o] = ((c1 & 15) << 4) | (c2 >> 2);
  return out;
}

const EQUALS = 0x3d;

/** The 6-bit value of the character at `i`, or -1 outside the alphabet. */
function sextetAt(text: string, i: number): number {
  return VALUES[text.charCodeAt(i)] ?? -1;
}

/**
 * Every check, each with its own problem: the reference the one-pass decoder must agree with, and
 * what says why an input is refused. Exported for the tests.
 */
export function decodeBase64Checked(text: string): Base64Result {
  if (/[-_]/.test(text)) return problem('url-safe');
  if (/\s/.test(text)) return problem('whitespace');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return problem(text.includes('=') && /^[A-Za-z0-9+/=]*$/.test(text) ? 'padding' : 'invalid-character');
  if (text.length % 4 !== 0) return problem('padding');

  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    // The alphabet was checked above, so every lookup hits; '=' counts as zero bits.
    const c0 = valueAt(text, i);
    const c1 = valueAt(text, i + 1);
    const c2 = valueAt(text, i + 2);
    const c3 = valueAt(text, i + 3);
    const n = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  // Bits below the last byte must be zero, or two different strings would decode to the same bytes.
  const last = valueAt(text, text.length - 1 - pad);
  if ((pad === 1 && (last & 3) !== 0) || (pad === 2 && (last & 15) !== 0)) return problem('non-canonical');
  return { ok: true, bytes: out };
}
