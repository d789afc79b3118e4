/**
 * The Public Suffix List lookup the extension carries as data (core/public-suffix.ts) against tldts, the
 * library it replaces in the worker: the same answer for every rule, a name below every rule, every
 * exception and a name below it, and random hosts.
 */
import fc from 'fast-check';
import { getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import { suffixRulesFromTldts } from '../../src/cli/suffix-rules.ts';
import { compileSuffixRules, isPublicSuffixIn } from '../../src/core/public-suffix.ts';

const rules = suffixRulesFromTldts();
const trie = compileSuffixRules(rules);
const tldts = (host: string) => getPublicSuffix(host, { allowPrivateDomains: true, extractHostname: false }) === host;

describe('the Public Suffix List as data', () => {
  it('holds the whole list: thousands of rules, wildcards and exceptions', () => {
    expect(rules.rules.length).toBeGreaterThan(9000);
    expect(rules.rules).toEqual(expect.arrayContaining(['com', 'co.uk', 'github.io', '*.ck']));
    expect(rules.exceptions).toContain('www.ck');
  });

  it('answers as tldts does for every rule, a name below each, every exception and a name below each', () => {
    const hosts = [
      ...rules.rules.map((r) => r.replace('*', 'wild')),
      ...rules.rules.map((r) => `below.${r.replace('*', 'wild')}`),
      ...rules.exceptions,
      ...rules.exceptions.map((e) => `below.${e}`),
    ];
    const disagreements = hosts.filter((h) => isPublicSuffixIn(trie, h) !== tldts(h));
    expect(disagreements).toEqual([]);
    expect(hosts.length).toBeGreaterThan(18_000);
  });

  it('answers as tldts does for random hosts', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);
    const tld = fc.constantFrom(...rules.rules.filter((r) => !r.includes('*')).slice(0, 400), 'com', 'uk', 'jp', 'ck', 'io');
    fc.assert(
      fc.property(fc.array(label, { maxLength: 3 }), tld, (labels, suffix) => {
        const host = [...labels, suffix].join('.');
        expect(isPublicSuffixIn(trie, host)).toBe(tldts(host));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides most hosts with one lookup, and gives the walk\'s answer wherever it does', () => {
    expect(trie.oneLookup).toBeDefined();
    const { oneLookup: _, ...walkOnly } = trie;
    const hosts = [
      ...rules.rules.flatMap((r) => [r.replace('*', 'wild'), `below.${r.replace('*', 'wild')}`, `a.b.${r.replace('*', 'wild')}`]),
      ...rules.exceptions.flatMap((e) => [e, `below.${e}`]),
      'x.ck', 'www.ck', '.ck', 'a..ck', 'ck', 'example.com', '',
    ];
    expect(hosts.filter((h) => isPublicSuffixIn(trie, h) !== isPublicSuffixIn(walkOnly, h))).toEqual([]);
  });

  it('confirms exact rules without the walk exactly as the walk does, also where an exception overrules one', () => {
    // Synthetic: exceptions at and above exact rules, which the real list does not have today.
    const synthetic = compileSuffixRules({ rules: ['ck', '*.ck', 'www.ck', 'a.www.ck', 'com', 'b.com', 'x.b.com'], exceptions: ['www.ck', 'b.com'] });
    expect(synthetic.oneLookup).toBeDefined();
    const { oneLookup: _, ...walkOnly } = synthetic;
    const hosts = ['ck', 'x.ck', 'www.ck', 'a.www.ck', 'q.a.www.ck', 'com', 'b.com', 'x.b.com', 'y.x.b.com', 'c.com'];
    expect(hosts.map((h) => isPublicSuffixIn(synthetic, h))).toEqual(hosts.map((h) => isPublicSuffixIn(walkOnly, h)));
    expect(hosts.filter((h) => isPublicSuffixIn(synthetic, h))).toEqual(['ck', 'x.ck', 'com']);
  });

  it('walks every host when a wildcard is not the first label (the one lookup would be wrong there)', () => {
    const odd = compileSuffixRules({ rules: ['com', 'example.com', 'x.*.example.com', '*.ck'], exceptions: [] });
    expect(odd.oneLookup).toBeUndefined();
    expect(isPublicSuffixIn(odd, 'x.anything.example.com')).toBe(true);
    expect(isPublicSuffixIn(odd, 'y.anything.example.com')).toBe(false);
    expect(isPublicSuffixIn(odd, 'a.ck')).toBe(true);
  });
});
