import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextFromJson, verifyBlocklist } from '../../src/core/blocklist/index.ts';
import type { Blocklist } from '../../src/core/blocklist/payload.ts';
import { checkCanonicalDomain } from '../../src/core/domain.ts';
import { decodeBlockFragment, encodeBlockFragment } from '../../src/core/block-fragment.ts';
import { CATALOGUE } from '../../src/core/catalogue/index.ts';
import { NAVIGATION_TYPES, SUBRESOURCE_TYPES } from '../../src/core/dnr.ts';
import { matchBlockedApp } from '../../src/core/match.ts';
import { envelopeBytes, loadVectors } from '../vectors/vectors.ts';
import { translateProxyGroups, translateProxyHost, translateProxyRegex } from '../../src/core/proxies.ts';
import { topmostDomains } from '../../src/core/domain.ts';
import { blockedDomainsOf, compileRules, compileVerifiedList, InvalidDomainError, isProxyRule, MAX_PROXY_REGEX_GROUPS, RULES_PER_APP_MAX } from '../../src/core/rules.ts';

/** An app's own rules, without the website-proxy expressions that follow them. */
const own = (rules: ReturnType<typeof compileRules>) => rules.filter((r) => !isProxyRule(r));

const blockPageUrl = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/src/blocked/index.html';

describe('compileRules', () => {
  it('redirects navigations and blocks every other resource type, naming each type', () => {
    const rules = compileRules([{ id: 'tiktok', domains: ['TikTok.com', 'www.tiktok.com', 'tiktokv.com'] }], {
      blockPageUrl,
    });
    // The proxy expressions carry both names (and the names below them): no exact proxy host needed.
    const names = ['tiktok.com', 'tiktokv.com'];
    const proxy = { requestDomains: ['translate.goog'], regexFilter: translateProxyRegex(['tiktok.com', 'tiktokv.com']), isUrlFilterCaseSensitive: true };
    const redirect = { type: 'redirect', redirect: { regexSubstitution: `${blockPageUrl}#app=tiktok&url=\\0` } };
    expect(rules).toEqual([
      { id: 1, priority: 1, action: redirect, condition: { requestDomains: names, regexFilter: '^.+$', resourceTypes: ['main_frame', 'sub_frame'] } },
      { id: 2, priority: 1, action: { type: 'block' }, condition: { requestDomains: names, resourceTypes: [...SUBRESOURCE_TYPES] } },
      // Google Translate's website proxy: the names below them, `www-tiktok-com.translate.goog` and so on.
      { id: 3, priority: 1, action: redirect, condition: { ...proxy, resourceTypes: ['main_frame', 'sub_frame'] } },
      { id: 4, priority: 1, action: { type: 'block' }, condition: { ...proxy, resourceTypes: [...SUBRESOURCE_TYPES] } },
    ]);
  });

  it('covers every resource type Chrome knows, and never the Firefox-only "beacon"', () => {
    const rules = own(compileRules([{ id: 'a', domains: ['a.example'] }], { blockPageUrl }));
    const covered = rules.flatMap((r) => r.condition.resourceTypes);
    expect(new Set(covered)).toEqual(new Set([...NAVIGATION_TYPES, ...SUBRESOURCE_TYPES]));
    expect(covered).toHaveLength(NAVIGATION_TYPES.length + SUBRESOURCE_TYPES.length);
    expect(covered).not.toContain('beacon');
  });

  it('refuses a domain the browser would silently ignore instead of emitting a rule that matches nothing', () => {
    for (const bad of ['*.tiktok.com', 'http://tiktok.com', ' tiktok.com', 'tiktok.com.', 'tiktok.com:80', 'co.uk', '10.0.0.1', '']) {
      expect(() => compileRules([{ id: 'x', domains: ['ok.example', bad] }], { blockPageUrl })).toThrow(InvalidDomainError);
    }
  });

  it('merges hosts with domains and prunes subdomains across both', () => {
    const [redirect] = compileRules(
      [{ id: 'x', domains: ['x.example'], hosts: ['cdn.x.example', 'x-media.sharedcdn.example'] }],
      { blockPageUrl },
    );
    // In the list's own order (the same list always compiles to the same rules): no sort per update.
    expect(redirect?.condition.requestDomains).toEqual(['x.example', 'x-media.sharedcdn.example']);
  });

  it('adds an allow rule that outranks the block, only inside the app\'s own hosts', () => {
    const rules = compileRules([{ id: 'x', domains: ['x.example'], allow: ['help.x.example'] }], { blockPageUrl, firstRuleId: 100 });
    expect(rules.map((r) => r.id)).toEqual([100, 101, 102, 103, 104]);
    const allow = rules[2];
    expect(allow?.action).toEqual({ type: 'allow' });
    expect(allow?.priority).toBeGreaterThan(rules[3]?.priority ?? Infinity);
    expect(allow?.condition.requestDomains).toEqual(['help.x.example', 'help-x-example.translate.goog']);
    expect(() => compileRules([{ id: 'x', domains: ['x.example'], allow: ['tiktok.com'] }], { blockPageUrl })).toThrow(/not one of its blocked hosts/);
  });

  it('stays within the per-app rule budget however many domains an app has', () => {
    const domains = Array.from({ length: 100_000 }, (_, i) => `host-${i}.example`);
    const rules = compileRules([{ id: 'big', domains, allow: ['host-1.example'] }], { blockPageUrl });
    expect(own(rules).length).toBeLessThanOrEqual(RULES_PER_APP_MAX);
    // The proxy expressions are capped, whatever the list (Chromium allows 1,000 regex rules): every
    // name they do not carry is blocked on the proxy as an exact host.
    const proxyRules = rules.filter(isProxyRule);
    expect(proxyRules).toHaveLength(2 * MAX_PROXY_REGEX_GROUPS);
    const carried = new Set(translateProxyGroups(topmostDomains(domains), MAX_PROXY_REGEX_GROUPS).flat());
    const requestDomains = new Set(rules[0]?.condition.requestDomains);
    expect(requestDomains.size).toBe(100_000 + (100_000 - carried.size));
    for (const name of domains) expect(carried.has(name) || requestDomains.has(translateProxyHost(name)), name).toBe(true);
  });

  it('keeps the proxy expressions within the cap across many apps (each app that comes after the cap adds none)', () => {
    // 500 apps (the list limit) of names long enough that each app needs several groups: before this
    // was fixed, every app after the cap still added one group, 1,400 regex rules in all, above the
    // 1,000 Chromium accepts, so the whole update would have been refused.
    const apps = Array.from({ length: 500 }, (_, a) => ({
      id: `app-${a}`,
      domains: Array.from({ length: 4 }, (_, i) => `a-rather-long-name-${i}-of-app-${a}.example.com`),
    }));
    const rules = compileRules(apps, { blockPageUrl });
    expect(rules.filter(isProxyRule)).toHaveLength(2 * MAX_PROXY_REGEX_GROUPS);
    expect(rules.filter((rule) => rule.condition.regexFilter !== undefined && !isProxyRule(rule)).length + rules.filter(isProxyRule).length).toBeLessThanOrEqual(1000);
    expect(translateProxyGroups(['a.example', 'b.example'], 0)).toEqual([]);
  });

  it('skips an app with nothing to block rather than emitting an empty requestDomains (Chrome rejects it)', () => {
    expect(compileRules([{ id: 'empty', domains: [] }], { blockPageUrl })).toEqual([]);
  });

  it('compiles the built-in catalogue', () => {
    const rules = compileRules(CATALOGUE, { blockPageUrl });
    expect(rules.length).toBeGreaterThanOrEqual(2);
    expect(blockedDomainsOf(CATALOGUE)).toContain('tiktok.com');
  });
});

describe('block page fragment', () => {
  it('round-trips the app id and a URL containing & and #', () => {
    const url = 'https://www.tiktok.com/@user?lang=en&x=1#frag';
    expect(decodeBlockFragment(`#${encodeBlockFragment('tiktok')}${url}`)).toEqual({ appId: 'tiktok', url });
    expect(decodeBlockFragment('#nothing')).toBeUndefined();
  });
});

describe('matchBlockedApp', () => {
  const apps = [{ id: 'tiktok', domains: ['tiktok.com'], hosts: ['tiktok-only.sharedcdn.example'], allow: ['help.tiktok.com'] }];
  it.each([
    ['https://tiktok.com/', 'tiktok'],
    ['https://www.tiktok.com/@a', 'tiktok'],
    ['wss://push.tiktok.com/ws', 'tiktok'],
    ['https://tiktok-only.sharedcdn.example/x.js', 'tiktok'],
    ['https://help.tiktok.com/', undefined],
    ['https://nottiktok.com/', undefined],
    ['https://tiktok.com.example.org/', undefined],
    ['https://example.org/?u=tiktok.com', undefined],
    ['https://example.org/tiktok.com', undefined],
    ['https://xn--tiktk-mye.com/', undefined],
    ['https://sharedcdn.example/', undefined],
    ['about:blank', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, expected) => {
    expect(matchBlockedApp(url, apps)?.id).toBe(expected);
  });
});

describe('compileRules for Firefox', () => {
  it('names Firefox\'s resource types (speculative connections included) and can redirect by path', () => {
    const rules = compileRules([{ id: 'tiktok', domains: ['tiktok.com'] }], {
      blockPageUrl: 'moz-extension://any/src/blocked/index.html',
      target: 'firefox',
      redirect: 'path',
    });
    expect(rules[0]?.action).toEqual({ type: 'redirect', redirect: { extensionPath: '/src/blocked/index.html#app=tiktok&url=' } });
    expect(rules[0]?.condition.regexFilter).toBeUndefined();
    const types = rules[1]?.condition.resourceTypes ?? [];
    expect(types).toContain('speculative');
    expect(types).toContain('beacon');
    expect(types).not.toContain('webtransport');
    expect(types).not.toContain('webbundle');
  });
});

describe('compileVerifiedList', () => {
  it('gives the rules compileRules gives for the same apps, for every valid test vector', async () => {
    let compared = 0;
    for (const vector of loadVectors()) {
      if (vector.envelope === undefined) continue;
      const verified = await verifyBlocklist(envelopeBytes(vector), contextFromJson(vector.context));
      if (!verified.ok) continue;
      expect(compileVerifiedList(verified, { blockPageUrl, firstRuleId: 7 })).toEqual(compileRules(verified.list.apps, { blockPageUrl, firstRuleId: 7 }));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('gives the rules compileRules gives for any apps of canonical names', () => {
    const canonical = fc.domain().filter((d) => checkCanonicalDomain(d).ok);
    const app = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      domains: fc.array(canonical, { minLength: 1, maxLength: 8 }),
      hosts: fc.option(fc.array(canonical, { maxLength: 4 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(app, { maxLength: 4 }), fc.constantFrom<'substitution' | 'path'>('substitution', 'path'), (apps, redirect) => {
        const list = { apps: apps.map((a) => ({ ...a, allow: a.domains.slice(0, 1).map((d) => `x.${d}`) })) } as unknown as Blocklist;
        const options = { blockPageUrl, redirect };
        expect(compileVerifiedList({ ok: true, list }, options)).toEqual(compileRules(list.apps, options));
      }),
      { numRuns: 300 },
    );
  });
});

describe('keepReachable: no rule may block the list host', () => {
  const apps = [
    { id: 'acme', domains: ['acme.example'] },
    { id: 'other', domains: ['other.example'] },
  ];
  it('a rule whose names cover the list host excludes it (trailing dot and case as the browser sees them)', () => {
    const rules = compileRules(apps, { blockPageUrl, keepReachable: ['Lists.Acme.Example.'] });
    const acme = rules.filter((r) => r.condition.requestDomains?.includes('acme.example'));
    expect(acme).toHaveLength(2);
    for (const rule of acme) expect(rule.condition.excludedRequestDomains).toEqual(['lists.acme.example']);
    for (const rule of rules.filter((r) => r.condition.requestDomains?.includes('other.example'))) expect(rule.condition.excludedRequestDomains).toBeUndefined();
  });
  it('changes nothing when no name covers the list host (every verified list)', () => {
    expect(compileRules(apps, { blockPageUrl, keepReachable: ['lists.elsewhere.example'] })).toEqual(compileRules(apps, { blockPageUrl }));
    // A list host above a blocked name is not excluded: that would unblock the name below it.
    expect(compileRules(apps, { blockPageUrl, keepReachable: ['example'] })).toEqual(compileRules(apps, { blockPageUrl }));
  });
});
