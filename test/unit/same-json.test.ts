/**
 * `sameJson`: the comparison the worker uses instead of serialising whole rule sets and app lists.
 * It must agree with comparing JSON with sorted keys, for any data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../src/core/same-json.ts';

const sortedJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );

describe('sameJson', () => {
  it('agrees with comparing sorted-key JSON, for any pair of JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(sameJson(a, b)).toBe(sortedJson(a) === sortedJson(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees for values that are close: a copy with one change, with keys reordered', () => {
    const shuffled = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(shuffled)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffled(v)]))
          : value;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 1 }), fc.boolean(), (a, change, mutate) => {
        const b = shuffled(a);
        const c = mutate && a !== null && typeof a === 'object' && !Array.isArray(a) ? { ...(b as object), extra: change } : b;
        expect(sameJson(a, c)).toBe(sortedJson(a) === sortedJson(c));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a key whose value is undefined as absent, as JSON and extension storage do', () => {
    expect(sameJson({ id: 'x', hosts: undefined }, { id: 'x' })).toBe(true);
    expect(sameJson({ id: 'x' }, { id: 'x', hosts: undefined })).toBe(true);
    expect(sameJson({ id: 'x', hosts: undefined }, { id: 'x', allow: [] })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });
});
