import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Checked } from '../../src/core/blocklist/base64.ts';
import { decodeBase64, encodeBase64 } from '../../src/core/blocklist/index.ts';

describe('strict base64', () => {
  it('round-trips and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        const back = decodeBase64(text);
        expect(back.ok && Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts only the canonical spelling: whatever decodes re-encodes to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n'), maxLength: 24 }), (text) => {
        const r = decodeBase64(text);
        if (r.ok) expect(encodeBase64(r.bytes)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['aGVsbG8-', 'url-safe'],
    ['aGVsbG8_', 'url-safe'],
    ['aGVs bG8=', 'whitespace'],
    ['aGVsbG8=\n', 'whitespace'],
    ['aGVsbG8', 'padding'],
    ['aGVsbA', 'padding'],
    ['aGVsbA=', 'padding'],
    ['aG=sbA==', 'padding'],
    ['aGVsbA===', 'padding'],
    ['aGVs!G8=', 'invalid-character'],
    ['aGVsbG9=', 'non-canonical'],
    ['aGVsbB==', 'non-canonical'],
  ])('%j is refused (%s)', (text, problem) => {
    const r = decodeBase64(text);
    expect(r.ok ? 'accepted' : r.problem).toBe(problem);
  });

  it('decodes the empty string to no bytes', () => {
    const r = decodeBase64('');
    expect(r.ok && r.bytes.length).toBe(0);
  });
});

describe('the one-pass decoder', () => {
  const same = (text: string): void => {
    expect(decodeBase64(text)).toEqual(decodeBase64Checked(text));
  };

  it('agrees with the full checks on valid encodings and on every single-character edit of them', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.constantFrom('=', '-', '_', ' ', '\n', '!', '\u00e9', '\u0100', '\ud83d', 'A', 'B', '/', '+', ''),
        (bytes, at, replacement) => {
          const text = encodeBase64(bytes);
          same(text);
          const i = text.length === 0 ? 0 : at % text.length;
          same(text.slice(0, i) + replacement + text.slice(i + 1));
          same(text.slice(0, i) + replacement + text.slice(i));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the full checks on arbitrary text', () => {
    const unit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n\u0080\u00ff\u0100');
    fc.assert(fc.property(fc.string({ unit, maxLength: 16 }), same), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), same), { numRuns: 2000 });
  });

  it('refuses non-canonical last groups and stray padding the same way', () => {
    for (const text of ['AB==', 'AAB=', 'AQ==', 'AAE=', '====', 'A===', '=AAA', 'AA=A', 'AAAA====', 'AAAA=AAA', '\u0141AAA', 'AAA\u0100']) same(text);
  });
});
