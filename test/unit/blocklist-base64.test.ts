import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
