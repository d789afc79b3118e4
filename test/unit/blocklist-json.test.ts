import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/core/blocklist/index.ts';

describe('strict JSON', () => {
  // Cordon's documents carry whole numbers only (see json.ts): the property holds for those.
  const wholeNumbers = (value: unknown): unknown =>
    typeof value === 'number'
      ? Math.trunc(value) % Number.MAX_SAFE_INTEGER || 0
      : Array.isArray(value)
        ? value.map(wholeNumbers)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wholeNumbers(v)]))
          : value;

  it('agrees with JSON.parse on every document of whole numbers JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }).map(wholeNumbers), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const r = parseStrictJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(JSON.stringify(r.value)).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['{"a":1,"a":2}', 'duplicate key'],
    ['{"a":{"b":1,"b":1}}', 'duplicate key'],
    ['"\\ud800"', 'unpaired surrogate'],
    ['"\\udc00\\ud800"', 'unpaired surrogate'],
    ['"\ud800"', 'unpaired surrogate'],
    ['[1,]', 'unexpected'],
    ['{"a":1,}', 'expected a string key'],
    ['01', 'after the end'],
    ['NaN', 'unexpected'],
    ["{'a':1}", 'expected a string key'],
    ['{"a":1} // c', 'after the end'],
    ['"a\tb"', 'control character'],
    ['\ufeff{}', 'unexpected'],
    ['{} {}', 'after the end'],
    ['1e400', 'not a whole number'],
    ['7.0', 'not a whole number'],
    ['7e0', 'not a whole number'],
    ['7E+0', 'not a whole number'],
    ['9007199254740990.9999', 'not a whole number'],
    ['9007199254740992', 'out of range'],
    ['-9007199254740992', 'out of range'],
    ['"\\x41"', 'invalid escape'],
    ['', 'end of input'],
    ['[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]', 'nested deeper'],
  ])('%j is refused (%s)', (text, message) => {
    const r = parseStrictJson(text);
    expect(r.ok ? 'accepted' : r.message).toContain(message);
  });

  it('keeps "__proto__" as data, never as a prototype', () => {
    const r = parseStrictJson('{"__proto__":{"polluted":true}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value)).toBeNull();
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports line and column', () => {
    const r = parseStrictJson('{\n  "a": 1,\n  "a": 2\n}');
    expect(r.ok ? undefined : [r.line, r.column]).toEqual([3, 3]);
  });
});
