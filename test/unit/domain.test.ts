import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCanonicalDomain, normalizeDomain, pruneSubdomains, type DomainErrorCode } from '../../src/core/domain.ts';

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
});
