/**
 * `sameRules`: how the worker decides whether the browser already holds the rules it computed, so
 * that an unchanged list never costs an `updateDynamicRules` and a changed one always does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameRules, type Rule } from '../../src/core/dnr.ts';
import { compileRules } from '../../src/core/rules.ts';

const blockPageUrl = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/src/blocked/index.html';
const compiled = compileRules(
  [
    { id: 'tiktok', domains: ['tiktok.com', 'tiktokv.com'], allow: ['developers.tiktok.com'] },
    { id: 'chat', domains: ['chat.example'] },
  ],
  { blockPageUrl },
);

/** A deep copy with every object's keys in reverse order: as Chrome returns rules from getDynamicRules. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
  return value;
}

describe('sameRules', () => {
  it('is true for the same rules in another rule order and key order', () => {
    expect(sameRules(compiled, compiled)).toBe(true);
    expect(sameRules(compiled, [...(reordered(compiled) as Rule[])].reverse())).toBe(true);
  });

  it('is false when anything differs: a name, its order, a rule, an id, a field', () => {
    const [first, ...rest] = compiled as [Rule, ...Rule[]];
    const names = first.condition.requestDomains ?? [];
    const variants: Rule[][] = [
      rest,
      [...compiled, { ...first, id: 999 }],
      [{ ...first, condition: { ...first.condition, requestDomains: [...names, 'new.example'] } }, ...rest],
      [{ ...first, condition: { ...first.condition, requestDomains: [...names].reverse() } }, ...rest],
      [{ ...first, condition: { ...first.condition, requestDomains: names.map((n, i) => (i === 0 ? `x${n}` : n)) } }, ...rest],
      [{ ...first, id: first.id + 100 }, ...rest],
      [{ ...first, priority: 7 }, ...rest],
      [{ ...first, action: { type: 'block' } }, ...rest],
      [{ ...first, condition: { ...first.condition, excludedRequestDomains: ['lists.example'] } }, ...rest],
    ];
    for (const variant of variants) expect(sameRules(compiled, variant), JSON.stringify(variant).slice(0, 200)).toBe(false);
  });

  it('agrees with comparing sorted-key JSON, for any pair of rule sets', () => {
    const sortedJson = (rules: readonly Rule[]) =>
      JSON.stringify(
        [...rules].sort((a, b) => a.id - b.id),
        (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v),
      );
    const rule = fc.record({
      id: fc.integer({ min: 1, max: 4 }),
      priority: fc.constantFrom(1, 2),
      action: fc.constantFrom<Rule['action']>({ type: 'block' }, { type: 'allow' }),
      condition: fc.record({ requestDomains: fc.array(fc.constantFrom('a.example', 'b.example', 'c.example'), { maxLength: 3 }), resourceTypes: fc.constant(['script'] as const) }),
    });
    const ruleSet = fc.uniqueArray(rule, { selector: (r) => r.id, maxLength: 3 });
    fc.assert(
      fc.property(ruleSet, ruleSet, (a, b) => {
        expect(sameRules(a, b)).toBe(sortedJson(a) === sortedJson(b));
      }),
      { numRuns: 3000 },
    );
  });
});
