import fc from 'fast-check';
import { parse } from 'tldts';
import { describe, expect, it } from 'vitest';
import {
  checkCanonicalDomain,
  isCanonicalAsciiHost,
  isPublicSuffix,
  normalizeDomain,
  normalizeDomainFully,
  pruneSubdomains,
  topmostDomains,
  type DomainErrorCode,
} from '../../src/core/domain.ts';

const rejected: Array<[unknown, DomainErrorCode]> = [
  [42, 'not-a-string'],
  [null, 'not-a-string'],
  ['', 'empty'],
  [' tiktok.com', 'whitespace'],
  ['tiktok.com ', 'whitespace'],
  ['tik tok.com', 'whitespace'],
  ['tiktok.com\n', 'whitespace'],
  ['tiktok.com\u00a0', 'whitespace'],
  ['tiktok.com\u200b', 'whitespace'],
  ['*.tiktok.com', 'wildcard'],
  ['tik*.com', 'wildcard'],
  ['http://tiktok.com', 'scheme'],
  ['https://www.tiktok.com/', 'scheme'],
  ['javascript:alert(1)', 'scheme'],
  ['mailto:a@tiktok.com', 'scheme'],
  ['tiktok.com/path', 'path'],
  ['tiktok.com?x=1', 'path'],
  ['tiktok.com#top', 'path'],
  ['tiktok.com\\evil', 'path'],
  ['tiktok.com:80', 'port'],
  ['tiktok.com:', 'port'],
  ['.tiktok.com', 'leading-dot'],
  ['tiktok.com.', 'trailing-dot'],
  ['tiktok..com', 'empty-label'],
  ['user@tiktok.com', 'invalid-character'],
  ['tik%74ok.com', 'invalid-character'],
  ['tik_tok.com', 'invalid-character'],
  ['-tiktok.com', 'invalid-character'],
  ['tiktok-.com', 'invalid-character'],
  ['tiktok\u0000.com', 'invalid-character'],
  ['tiktok\u200d.com', 'invalid-character'],
  [`${'a'.repeat(64)}.com`, 'label-too-long'],
  [`${'abcdefghi.'.repeat(26)}com`, 'too-long'],
  ['1.2.3.4', 'ip-address'],
  ['127.0.0.1', 'ip-address'],
  ['0x7f.1', 'ip-address'],
  ['2130706433', 'ip-address'],
  ['[::1]', 'ip-address'],
  ['localhost', 'single-label'],
  ['com', 'single-label'],
  ['co.uk', 'public-suffix'],
  ['com.au', 'public-suffix'],
  ['github.io', 'public-suffix'],
  ['cloudfront.net', 'public-suffix'],
];

describe('normalizeDomain', () => {
  it.each(rejected)('rejects %j as %s', (input, code) => {
    const result = normalizeDomain(input);
    expect(result).toMatchObject({ ok: false, code });
  });

  it.each([
    ['tiktok.com', 'tiktok.com'],
    ['TikTok.COM', 'tiktok.com'],
    ['www.tiktok.com', 'www.tiktok.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    // A Cyrillic "о" is a different host: normalised to its own punycode, never to tiktok.com.
    ['tiktоk.com', 'xn--tiktk-mye.com'],
    ['tiktok\u3002com', 'tiktok.com'],
    ['user.github.io', 'user.github.io'],
    ['example.co.uk', 'example.co.uk'],
  ])('normalises %j to %j', (input, domain) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain });
  });

  it('gives a sentence naming the input', () => {
    const result = normalizeDomain('*.tiktok.com');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^"\*\.tiktok\.com" contains a wildcard/);
  });

  it('only ever returns lowercase ASCII host names the browser can match', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        const result = normalizeDomain(input);
        if (!result.ok) return true;
        return /^[a-z0-9.-]+$/.test(result.domain) && !result.domain.endsWith('.') && result.domain.includes('.');
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on what it accepts', () => {
    fc.assert(
      fc.property(fc.domain(), (input) => {
        const first = normalizeDomain(input);
        if (!first.ok) return true;
        const second = normalizeDomain(first.domain);
        return second.ok && second.domain === first.domain;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkCanonicalDomain', () => {
  it('accepts canonical values and refuses ones that only normalise', () => {
    expect(checkCanonicalDomain('tiktok.com')).toEqual({ ok: true, domain: 'tiktok.com' });
    expect(checkCanonicalDomain('TikTok.com')).toMatchObject({ ok: false, code: 'not-canonical' });
    expect(checkCanonicalDomain('bücher.de')).toMatchObject({ ok: false, code: 'not-canonical' });
  });
});

describe('pruneSubdomains', () => {
  it('drops duplicates and names covered by a listed parent, label-wise', () => {
    expect(
      pruneSubdomains(['www.tiktok.com', 'tiktok.com', 'tiktok.com', 'a.b.tiktokv.com', 'b.tiktokv.com', 'nottiktok.com']),
    ).toEqual(['b.tiktokv.com', 'nottiktok.com', 'tiktok.com']);
  });

  it('topmostDomains keeps the same names in the order they first appear', () => {
    const names = ['www.tiktok.com', 'tiktok.com', 'tiktok.com', 'a.b.tiktokv.com', 'b.tiktokv.com', 'nottiktok.com'];
    expect(topmostDomains(names)).toEqual(['tiktok.com', 'b.tiktokv.com', 'nottiktok.com']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a.example', 'b.a.example', 'c.b.a.example', 'x.example', 'a.x.example', 'example.org')), (list) => {
        expect([...topmostDomains(list)].sort()).toEqual(pruneSubdomains(list));
      }),
    );
  });
});

// Strings close to host names (dots, hyphens, digits, "xn--", upper case, stray characters), so that
// random cases land on both sides of every check instead of being rejected by the first one.
const hostish = fc
  .array(fc.constantFrom('a', 'b', 'z', '0', '7', '-', '.', '.', 'xn--', 'co', 'uk', 'com', 'io', 'github', '0x', 'A', '_', ' ', '\u00e9', '*'), {
    maxLength: 16,
  })
  .map((parts) => parts.join(''));
const anyHostInput = fc.oneof(hostish, fc.domain(), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

describe('the canonical fast path', () => {
  it('gives exactly the answer of the full checks, for any input', () => {
    fc.assert(
      fc.property(anyHostInput, (input) => {
        const full = normalizeDomainFully(input);
        expect(normalizeDomain(input)).toEqual(full);
        const canonical = checkCanonicalDomain(input);
        expect(canonical.ok).toBe(full.ok && full.domain === input);
        if (!canonical.ok) expect(canonical.code).toBe(full.ok ? 'not-canonical' : full.code);
      }),
      { numRuns: 5000 },
    );
  });

  it('only takes values the full checks accept unchanged or refuse as a public suffix', () => {
    fc.assert(
      fc.property(anyHostInput, (input) => {
        if (!isCanonicalAsciiHost(input)) return;
        const full = normalizeDomainFully(input);
        if (full.ok) expect(full.domain).toBe(input);
        else expect(full.code).toBe('public-suffix');
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['tiktok.com', true],
    ['a.b', true],
    [`${'a'.repeat(63)}.com`, true],
    [`${'a'.repeat(64)}.com`, false],
    [`${'abcdefgh.'.repeat(27)}com`.slice(-253), true],
    [`${'abcdefgh.'.repeat(28)}com`, false],
    ['com', false],
    ['TikTok.com', false],
    ['-a.com', false],
    ['a-.com', false],
    ['a..com', false],
    ['.a.com', false],
    ['a.com.', false],
    ['1.2.3.4', false],
    ['a.0x', false],
    ['a.0x7f', false],
    ['a.123', false],
    ['a.1x', true],
    ['xn--bcher-kva.de', false],
    ['fooxn--bar.com', false],
    ['tik_tok.com', false],
    ['tiktok.com\n', false],
  ])('%j is canonical ASCII by shape: %s', (input, expected) => {
    expect(isCanonicalAsciiHost(input)).toBe(expected);
    // Whatever the shape test says, the answer is the full checks' answer.
    expect(normalizeDomain(input)).toEqual(normalizeDomainFully(input));
  });

  it('refuses bare public suffixes of both sections, and IPs, as before', () => {
    for (const suffix of ['co.uk', 'com.au', 'github.io', 'cloudfront.net', 's3.amazonaws.com', 'foo.ck', 'blogspot.com']) {
      expect(isPublicSuffix(suffix)).toBe(true);
      expect(normalizeDomain(suffix)).toMatchObject({ ok: false, code: 'public-suffix' });
    }
    // An exception rule (!www.ck) makes a name under a wildcard suffix registrable.
    expect(normalizeDomain('www.ck')).toEqual({ ok: true, domain: 'www.ck' });
    for (const ip of ['1.2.3.4', '10.0.0.1', '0x7f.1', 'a.b.255']) expect(normalizeDomain(ip)).toMatchObject({ ok: false, code: 'ip-address' });
  });

  it('isPublicSuffix gives the answer of a full tldts parse', () => {
    const suffixy = fc
      .array(fc.constantFrom('co', 'uk', 'com', 'github', 'io', 's3', 'amazonaws', 'ck', 'www', 'kawasaki', 'jp', 'city', 'x', 'blogspot', 'appspot'), { minLength: 1, maxLength: 4 })
      .map((labels) => labels.join('.'));
    fc.assert(
      fc.property(fc.oneof(suffixy, fc.domain()), (host) => {
        expect(isPublicSuffix(host)).toBe(parse(host, { allowPrivateDomains: true, extractHostname: false }).publicSuffix === host);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays fast and correct on hostile lengths', () => {
    const t0 = performance.now();
    for (const input of ['a.'.repeat(500_000), `${'a'.repeat(1_000_000)}.com`, `${'a-'.repeat(100_000)}.com`, '.'.repeat(100_000)]) {
      expect(isCanonicalAsciiHost(input)).toBe(false);
      expect(normalizeDomain(input)).toEqual(normalizeDomainFully(input));
    }
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

/** pruneSubdomains as it was first written (split and join per parent): the reference. */
function pruneReference(domains: Iterable<string>): string[] {
  const unique = new Set(domains);
  return [...unique]
    .filter((d) => {
      const labels = d.split('.');
      for (let i = 1; i < labels.length - 1; i++) {
        if (unique.has(labels.slice(i).join('.'))) return false;
      }
      return true;
    })
    .sort();
}

describe('pruneSubdomains against its reference', () => {
  it('agrees on any list, including empty labels, leading and trailing dots and non-ASCII', () => {
    const name = fc.array(fc.constantFrom('a', 'b', 'a.b', 'c', '', 'x-y', '\u00e9', '\ud83d\ude00', 'Z'), { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (names) => {
        expect(pruneSubdomains(names)).toEqual(pruneReference(names));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.domain(), fc.string({ maxLength: 12 })), { maxLength: 40 }), (names) => {
        expect(pruneSubdomains(names)).toEqual(pruneReference(names));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps single-label names and never prunes by a single-label parent', () => {
    expect(pruneSubdomains(['com', 'a.com', 'b.a.com', 'a', ''])).toEqual(['', 'a', 'a.com', 'com']);
  });
});
