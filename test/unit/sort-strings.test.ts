import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortStrings } from '../../src/core/sort-strings.ts';

const native = (values: readonly string[]): string[] => [...values].sort();

describe('sortStrings', () => {
  it('gives the order of Array.prototype.sort() for any strings', () => {
    // Few distinct characters: many shared prefixes, duplicates and strings that are prefixes of others.
    const close = fc.array(fc.constantFrom('', 'a', 'b', '.', '-', 'a.b', '\uffff', '\ud83d', '\ude00', '\u00e9'), { maxLength: 6 }).map((p) => p.join(''));
    for (const item of [close, fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.domain()]) {
      fc.assert(
        fc.property(fc.array(item, { maxLength: 200 }), (values) => {
          expect(sortStrings([...values])).toEqual(native(values));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('sorts in place and returns the same array', () => {
    const values = ['b', 'a'];
    expect(sortStrings(values)).toBe(values);
    expect(values).toEqual(['a', 'b']);
    expect(sortStrings([])).toEqual([]);
  });

  it('hands a range to the engine once its budget of unbalanced partitions is spent', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), fc.integer({ min: 0, max: 3 }), (values, budget) => {
        expect(sortStrings([...values], budget)).toEqual(native(values));
      }),
      { numRuns: 300 },
    );
  });

  it('copes with hostile shapes: sorted, reversed, all equal, long shared prefixes, long strings', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => `host${String(i).padStart(6, '0')}.example`);
    const cases = [
      ids,
      [...ids].reverse(),
      Array.from({ length: n }, () => 'same.example'),
      Array.from({ length: 2_000 }, (_, i) => 'a'.repeat(i)),
      Array.from({ length: 2_000 }, (_, i) => `${'x'.repeat(5_000)}${i % 7}${'y'.repeat(i % 13)}`),
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `${i}` : `${n - i}`)),
    ];
    const t0 = performance.now();
    for (const values of cases) expect(sortStrings([...values])).toEqual(native(values));
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
