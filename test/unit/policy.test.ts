import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listUrlProblem, parsePolicy } from '../../src/core/policy.ts';

const key = () =>
  Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64');
const K1 = key();
const K2 = key();

describe('parsePolicy', () => {
  it('no managed settings at all: the built-in default', () => {
    expect(parsePolicy({})).toEqual({ ok: true, policy: { kind: 'none', refreshMinutes: 60 } });
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
        refreshMinutes: 30,
        organization: 'Acme Corp',
        supportUrl: 'mailto:it@acme.example',
      },
    });
  });

  it('built-in apps chosen by id', () => {
    expect(parsePolicy({ builtinApps: ['tiktok', 'tiktok'], organization: 'Acme' })).toEqual({
      ok: true,
      policy: { kind: 'builtin', builtinApps: ['tiktok'], refreshMinutes: 60, organization: 'Acme' },
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
    [{ supportUrl: 'javascript:alert(1)' }, /supportUrl must be an https: or mailto: URL/],
    [{ supportUrl: 'http://help.example' }, /supportUrl must be an https: or mailto: URL/],
    [{ builtinApps: ['tiktok', 'nope'] }, /unknown catalogue entries: nope/],
    [{ organization: '' }, /organization must be a non-empty line/],
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
    ['not a url', 'is not a URL'],
  ])('%s', (url, problem) => {
    expect(listUrlProblem(url)).toBe(problem);
  });
});
