/**
 * Google Translate's website proxy names, against Google's own documented decoding (developers.google.com,
 * "Enabling your ad network to work with translation-related Google Search features"), and the
 * expressions Cordon compiles for the names below a blocked name, run through a regex engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocksHost } from '../../src/core/match.ts';
import { hostBehindTranslateProxy, MAX_PROXY_ALTERNATION, MAX_PROXY_SINGLE, translateProxyGroups, translateProxyHost, translateProxyLabel, translateProxyRegex } from '../../src/core/proxies.ts';

/** Google's published decoding steps (without the optional `_x_tr_hp` and IDN parts), as written there. */
function googleDecode(proxyHost: string, encodingList: readonly string[] = []): string {
  let out = proxyHost.replace(/\.translate\.goog$/, '');
  if (encodingList.includes('1') && out.startsWith('1-')) out = out.slice(2);
  return out.replace(/\b-\b/g, '.').replace(/--/g, '-');
}

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/).filter((l) => !l.includes('--'));
const host = fc.array(label, { minLength: 2, maxLength: 5 }).map((labels) => labels.join('.'));

describe("Google Translate's proxy host names", () => {
  it.each([
    ['www.tiktok.com', 'www-tiktok-com.translate.goog'],
    ['m.tiktok.com', 'm-tiktok-com.translate.goog'],
    ['tiktok.com', 'tiktok-com.translate.goog'],
    ['p16-tiktok-va.ibyteimg.com', 'p16--tiktok--va-ibyteimg-com.translate.goog'],
  ])('%s is served as %s', (original, proxied) => {
    expect(translateProxyHost(original)).toBe(proxied);
    expect(googleDecode(proxied)).toBe(original);
    expect(hostBehindTranslateProxy(proxied)).toBe(original);
  });

  it('decodes every host as Google does, and encoding then decoding gives the host back', () => {
    fc.assert(
      fc.property(host, (h) => {
        const proxied = translateProxyHost(h);
        expect(googleDecode(proxied)).toBe(h);
        expect(hostBehindTranslateProxy(proxied)).toBe(h);
        expect(hostBehindTranslateProxy(`1-${proxied}`)).toBe(googleDecode(`1-${proxied}`, ['1']));
      }),
      { numRuns: 500 },
    );
  });

  it('other hosts are not proxy hosts', () => {
    for (const h of ['translate.goog', 'www.tiktok.com', 'a.b.translate.goog', 'x.translate.goog.example', '0-bcher-example.translate.goog']) {
      expect(hostBehindTranslateProxy(h), h).toBeUndefined();
    }
  });
});

describe('the expression for the names below a blocked name', () => {
  const matches = (names: readonly string[], url: string) => new RegExp(translateProxyRegex(names)).test(url);

  it('matches the name and every name below it, on the proxy, whatever the path', () => {
    for (const url of [
      'https://tiktok-com.translate.goog/',
      'https://www-tiktok-com.translate.goog/@someone?_x_tr_sl=auto&_x_tr_tl=en',
      'https://a--b-tiktok-com.translate.goog/x',
      'https://1-www-tiktok-com.translate.goog/',
      'https://webcast16--ws--useast1a-tiktok-com.translate.goog:443/ws',
      'wss://webcast16--ws--useast1a-tiktok-com.translate.goog/ws',
    ]) expect(matches(['tiktok.com'], url), url).toBe(true);
  });

  it('never matches a lookalike, a sibling, or the proxy itself', () => {
    for (const url of [
      'https://not--tiktok-com.translate.goog/', // not-tiktok.com
      'https://x-not--tiktok-com.translate.goog/', // x.not-tiktok.com
      'https://nottiktok-com.translate.goog/',
      'https://tiktok-com-example-org.translate.goog/', // tiktok.com.example.org
      'https://tiktok-com.translate.goog.example/',
      'https://translate.goog/',
      'https://www-google-com.translate.goog/search?q=tiktok-com.translate.goog',
    ]) expect(matches(['tiktok.com'], url), url).toBe(false);
  });

  it('agrees with decoding: a proxy URL matches exactly when the host behind it is the name or below it', () => {
    fc.assert(
      fc.property(host, host, fc.boolean(), (name, other, below) => {
        const target = below ? `${other.split('.')[0] ?? 'x'}.${name}` : other;
        const url = `https://${translateProxyHost(target)}/path`;
        const behind = hostBehindTranslateProxy(translateProxyHost(target)) ?? '';
        const expected = behind === name || behind.endsWith(`.${name}`);
        expect(matches([name], url)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes a label the way Google documents it (each `-` doubled, each `.` a `-`), for any host', () => {
    const reference = (host: string) => host.split('.').map((label) => label.split('-').join('--')).join('-');
    fc.assert(
      fc.property(fc.domain(), (host) => {
        expect(translateProxyLabel(host)).toBe(reference(host));
      }),
      { numRuns: 2000 },
    );
    expect(translateProxyLabel('my-app.example-cdn.com')).toBe('my--app-example--cdn-com');
  });

  it('groups names so that each expression stays within the size Chromium accepts', () => {
    const names = Array.from({ length: 100 }, (_, i) => `host-${i}.example.com`);
    const groups = translateProxyGroups(names);
    expect(groups.flat()).toEqual(names);
    for (const group of groups) {
      const alternation = group.map(translateProxyLabel).join('|');
      expect(group.length === 1 ? alternation.length <= MAX_PROXY_SINGLE : alternation.length <= MAX_PROXY_ALTERNATION, alternation).toBe(true);
    }
    // A name too long for an expression of its own is left to the exact rule.
    expect(translateProxyGroups([`${'a'.repeat(40)}.${'b'.repeat(30)}.example`, 'ok.example'])).toEqual([['ok.example']]);
  });

  it('the block page and the open-tab sweep see a proxied host as the app it carries', () => {
    const app = { id: 'tiktok', domains: ['tiktok.com'], allow: ['developers.tiktok.com'] };
    expect(blocksHost(app, 'www-tiktok-com.translate.goog')).toBe(true);
    expect(blocksHost(app, 'developers-tiktok-com.translate.goog')).toBe(false);
    expect(blocksHost(app, 'not--tiktok-com.translate.goog')).toBe(false);
    expect(blocksHost(app, 'www-google-com.translate.goog')).toBe(false);
  });
});
