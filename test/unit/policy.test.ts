import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_TEST_PUBLIC_KEYS } from '../../src/core/blocklist/test-keys.ts';
import { listUrlProblem, parsePolicy } from '../../src/core/policy.ts';
import { VECTORS_DIR } from '../vectors/vectors.ts';

const key = () =>
  Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64');
const K1 = key();
const K2 = key();

describe('parsePolicy', () => {
  it('no managed settings at all: the built-in default', () => {
    expect(parsePolicy({})).toEqual({ ok: true, policy: { kind: 'none', refreshMinutes: 60, groups: [] } });
  });

  it('a full signed-list policy', () => {
    const result = parsePolicy({
      listUrl: 'https://lists.acme.example/cordon.json',
      trustedKeys: [K1, K2, K1],
      threshold: 2,
      listId: 'acme',
      refreshMinutes: 30,
      organization: 'Acme Corp',
      supportUrl: 'mailto:it@acme.example',
    });
    expect(result).toEqual({
      ok: true,
      policy: {
        kind: 'signed',
        listUrl: 'https://lists.acme.example/cordon.json',
        trustedKeys: [K1, K2],
        threshold: 2,
        listId: 'acme',
        floorApps: ['tiktok'],
        refreshMinutes: 30,
        groups: [],
        organization: 'Acme Corp',
        supportUrl: 'mailto:it@acme.example',
      },
    });
  });

  it('groups: short names from the management tool, repeats once', () => {
    const result = parsePolicy({ builtinApps: ['tiktok'], groups: ['marketing', 'sec-ops', 'marketing'] });
    expect(result.ok && result.policy.groups).toEqual(['marketing', 'sec-ops']);
  });

  const signed = { listUrl: 'https://lists.acme.example/cordon.json', listId: 'acme' };

  it('several keys and no threshold (a mistyped "2" that Chromium dropped): every pinned key must sign', () => {
    expect(parsePolicy({ ...signed, trustedKeys: [K1, K2] })).toMatchObject({ ok: true, policy: { threshold: 2 } });
    expect(parsePolicy({ ...signed, trustedKeys: [K1, K2], threshold: 1 })).toMatchObject({ ok: true, policy: { threshold: 1 } });
    expect(parsePolicy({ ...signed, trustedKeys: [K1] })).toMatchObject({ ok: true, policy: { threshold: 1 } });
  });

  it('a signed list needs its listId: without one (or one the browser dropped) nothing is accepted', () => {
    const result = parsePolicy({ listUrl: signed.listUrl, trustedKeys: [K1] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/listId is missing/);
    expect(parsePolicy({ ...signed, listId: 'Acme Work', trustedKeys: [K1] })).toMatchObject({ ok: false });
  });

  it('builtinApps beside a signed list is the floor enforced while no list verifies', () => {
    expect(parsePolicy({ ...signed, trustedKeys: [K1], builtinApps: ['tiktok', 'deepseek'] })).toMatchObject({
      ok: true,
      policy: { kind: 'signed', floorApps: ['tiktok', 'deepseek'] },
    });
  });

  it("refuses Cordon's published test keys: their private halves are in the repository", () => {
    const committed = readdirSync(join(VECTORS_DIR, 'keys'))
      .filter((f) => f.endsWith('.pub'))
      .map((f) => readFileSync(join(VECTORS_DIR, 'keys', f), 'utf8').trim());
    expect([...PUBLISHED_TEST_PUBLIC_KEYS].sort()).toEqual(committed.sort());
    for (const key of committed) {
      const result = parsePolicy({ ...signed, trustedKeys: [K1, key], threshold: 1 });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.join('\n')).toMatch(/trustedKeys\[1\] is Cordon's published test key/);
    }
  });

  it('policy text follows the signed list\'s text rules: no bidi, invisible or control characters', () => {
    for (const organization of ['Acme\u202eCorp', 'Acme\u061cCorp', 'Acme\u200bCorp', 'Acme\nCorp', ' Acme']) {
      expect(parsePolicy({ organization }).ok, JSON.stringify(organization)).toBe(false);
    }
    expect(parsePolicy({ organization: 'شرکت\u200cها' }).ok).toBe(true);
  });

  it('built-in apps chosen by id', () => {
    expect(parsePolicy({ builtinApps: ['tiktok', 'tiktok'], organization: 'Acme' })).toEqual({
      ok: true,
      policy: { kind: 'builtin', builtinApps: ['tiktok'], refreshMinutes: 60, groups: [], organization: 'Acme' },
    });
    expect(parsePolicy({ builtinApps: [] })).toMatchObject({ ok: true, policy: { kind: 'builtin', builtinApps: [] } });
  });

  it.each([
    [{ trustedKeys: [K1] }, /listUrl is missing/],
    [{ listUrl: 'https://l.example/x', trustedKeys: [] }, /trustedKeys must be a non-empty list/],
    [{ listUrl: 'https://l.example/x' }, /trustedKeys is missing/],
    [{ listUrl: 'http://lists.acme.example/x', trustedKeys: [K1] }, /listUrl must be an https: URL/],
    [{ listUrl: 'https://user:pw@l.example/x', trustedKeys: [K1] }, /credentials/],
    [{ listUrl: 'https://l.example/x', trustedKeys: ['bm90IGEga2V5'] }, /trustedKeys\[0\] is 9 bytes/],
    [{ listUrl: 'https://l.example/x', trustedKeys: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='] }, /small order/],
    [{ listUrl: 'https://l.example/x', trustedKeys: [K1], threshold: 2 }, /threshold 2 is more than the 1/],
    [{ listUrl: 'https://l.example/x', trustedKeys: [K1], threshold: 0 }, /threshold must be a whole number/],
    [{ refreshMinutes: 1 }, /refreshMinutes must be a whole number from 5 to 1440/],
    [{ groups: 'marketing' }, /groups must be a list of at most 32 group names/],
    [{ groups: ['Marketing', 'ok'] }, /groups: "Marketing" must each be 1 to 32 characters/],
    [{ supportUrl: 'javascript:alert(1)' }, /supportUrl must be an https: or mailto: URL/],
    [{ supportUrl: 'http://help.example' }, /supportUrl must be an https: or mailto: URL/],
    [{ builtinApps: ['tiktok', 'nope'] }, /unknown catalogue entries: nope/],
    [{ organization: '' }, /organization must be a line of text up to 120 characters: it is empty/],
    [{ listUrl: 'https://lists.acme.example./x', trustedKeys: [K1], listId: 'a' }, /must not end its host name with a dot/],
    [{ listUrl: 'https://lists.acme.example/x\n', trustedKeys: [K1], listId: 'a' }, /whitespace/],
  ])('%j is a policy error, never a silent fallback', (raw, message) => {
    const result = parsePolicy(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('keeps organisation and support link of an invalid policy for the error message', () => {
    expect(parsePolicy({ trustedKeys: [K1], organization: 'Acme', supportUrl: 'https://help.acme.example' })).toMatchObject({
      ok: false,
      organization: 'Acme',
      supportUrl: 'https://help.acme.example',
    });
  });
});

describe('listUrlProblem', () => {
  it.each([
    ['https://lists.acme.example/cordon.json', undefined],
    ['http://127.0.0.1:8080/list.json', undefined],
    ['http://localhost/list.json', undefined],
    ['http://lists.acme.example/list.json', 'must be an https: URL'],
    ['ftp://lists.acme.example/list.json', 'must be an https: URL'],
    ['https://lists.acme.example./list.json', 'must not end its host name with a dot (write the host without it)'],
    ['https://LISTS.acme.example../list.json', 'must not end its host name with a dot (write the host without it)'],
    [' https://lists.acme.example/list.json', 'must not contain whitespace, control or invisible formatting characters'],
    ['https://lists.acme\t.example/list.json', 'must not contain whitespace, control or invisible formatting characters'],
    ['https://lists.acme.example/li\u200bst.json', 'must not contain whitespace, control or invisible formatting characters'],
    ['not-a-url', 'is not a URL'],
  ])('%s', (url, problem) => {
    expect(listUrlProblem(url)).toBe(problem);
  });
});
