import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayBufferBytes, sha256Hex } from '../../src/core/blocklist/bytes.ts';

describe('arrayBufferBytes', () => {
  it('hands back the view itself when it is backed by a plain ArrayBuffer', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(arrayBufferBytes(bytes)).toBe(bytes);
    const middle = bytes.subarray(1, 3);
    expect(arrayBufferBytes(middle)).toBe(middle);
  });

  it('copies a view of a SharedArrayBuffer, bytes and length exactly', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8));
    shared.set([9, 8, 7, 6, 5, 4, 3, 2]);
    const view = shared.subarray(2, 5);
    const out = arrayBufferBytes(view);
    expect(out.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...out]).toEqual([7, 6, 5]);
  });

  it('lets sha256Hex hash exactly the bytes of the view, offsets included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.nat(), async (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % bytes.length;
        const view = bytes.subarray(start, start + (b % (bytes.length - start + 1)));
        expect(await sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

