import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/core/blocklist/index.ts';

describe('strict JSON', () => {
  it('agrees with JSON.parse on every document JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, pretty) => {
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
    ['1e400', 'out of range'],
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
