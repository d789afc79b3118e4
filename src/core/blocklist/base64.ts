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
