import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSameOrSubdomain } from '../../src/core/host.ts';

describe('isSameOrSubdomain', () => {
  it.each([
    ['tiktok.com', 'tiktok.com', true],
    ['www.tiktok.com', 'tiktok.com', true],
    ['a.b.tiktok.com', 'tiktok.com', true],
    ['nottiktok.com', 'tiktok.com', false],
    ['tiktok.com', 'www.tiktok.com', false],
    ['tiktok.com.evil', 'tiktok.com', false],
    ['.tiktok.com', 'tiktok.com', true],
    ['x.', '', true],
    ['', '', true],
    ['x', '', false],
  ])('%j under %j: %s', (host, domain, expected) => {
    expect(isSameOrSubdomain(host, domain)).toBe(expected);
  });

  it('is the label-wise suffix test, for any strings', () => {
    const part = fc.array(fc.constantFrom('a', 'b', '.', '-', '\u00e9', ''), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(part, fc.string({ maxLength: 10 })), fc.oneof(part, fc.string({ maxLength: 10 })), (host, domain) => {
        expect(isSameOrSubdomain(host, domain)).toBe(host === domain || host.endsWith(`.${domain}`));
        expect(isSameOrSubdomain(`${host}.${domain}`, domain)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
