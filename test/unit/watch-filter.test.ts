/**
 * The navigation filter that wakes the worker (core/watch-filter.ts): one regular expression that the
 * browser matches against committed URLs. It must take a catalogue host and every name below it, and
 * nothing else, or browsing other sites would wake the worker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue/index.ts';
import { isSameOrSubdomain } from '../../src/core/host.ts';
import { catalogueNavigationFilter, navigationFilter } from '../../src/core/watch-filter.ts';

const matcher = (names: readonly string[]) => {
  const [filter] = navigationFilter(names).url;
  if (filter === undefined) throw new Error('no filter');
  return new RegExp(filter.urlMatches);
};

describe('the navigation filter', () => {
  const wakes = matcher(['tiktok.com', 'p16-sign.tiktokcdn-us.com', 'a-b.cn']);

  it('takes the names and every name below them, on any port, path, query or fragment', () => {
    for (const url of [
      'https://tiktok.com/',
      'https://tiktok.com',
      'https://www.tiktok.com/@someone?lang=en',
      'http://m.tiktok.com:8080/x',
      'https://p16-sign.tiktokcdn-us.com/img.jpeg',
      'https://x.p16-sign.tiktokcdn-us.com/',
      'https://a-b.cn?q',
      'https://a-b.cn#f',
      'https://user@www.tiktok.com/',
    ]) {
      expect(wakes.test(url), url).toBe(true);
    }
  });

  it('leaves lookalikes, longer hosts, siblings on shared infrastructure and userinfo tricks alone', () => {
    for (const url of [
      'https://nottiktok.com/',
      'https://tiktok.com.example/',
      'https://tiktok.community/',
      'https://tiktokcom/',
      'https://tiktokcdn-us.com/',
      'https://p16-va.tiktokcdn-us.com/',
      'https://tiktok.com@control.example/',
      'https://control.example/?next=https://tiktok.com/',
      'https://control.example/tiktok.com',
      'https://ab.cn/',
      'https://xa-b.cn/',
    ]) {
      expect(wakes.test(url), url).toBe(false);
    }
  });

  it('gives the answer of the host test the rules use, for random hosts near the names', () => {
    const names = ['tiktok.com', 'a-b.cn'];
    const re = matcher(names);
    const label = fc.constantFrom('www', 'm', 'not', 'tiktok', 'com', 'a-b', 'cn', 'x-y');
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean(), (labels, port) => {
        const host = labels.join('.');
        const url = `https://${host}${port ? ':8443' : ''}/path`;
        expect(re.test(url)).toBe(names.some((n) => isSameOrSubdomain(host, n)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is one expression for the whole catalogue, with every catalogue host in it', () => {
    const { url } = catalogueNavigationFilter(CATALOGUE);
    expect(url).toHaveLength(1);
    const re = new RegExp(url[0]?.urlMatches ?? '');
    for (const app of CATALOGUE) {
      for (const name of [...app.domains, ...app.hosts]) expect(re.test(`https://${name}/`), name).toBe(true);
    }
  });
});
