/**
 * Break-glass override codes (core/override-code.ts, issue #15), made by the real `cordon override`
 * command and checked by the verifier the worker runs: bound to one install id, one app, at most 24
 * hours, the pinned keys and their threshold; every refusal says which rule refused.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { base32crockford } from '@scure/base';
import { pae, PAYLOAD_TYPE } from '../../src/core/blocklist/dsse.ts';
import { encodeBase64 } from '../../src/core/blocklist/base64.ts';
import { formatOverrideCode, overrideHeader, overrideSigningBytes, readOverrideCode, verifyOverrideCode, type OverrideContext } from '../../src/core/override-code.ts';
import { runCordonInProcess } from '../support/cli.ts';
import { loadOverrideVectors } from '../vectors/vectors.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cordon-override-'));
const INSTALL = '3f2b6c1e-8d4a-4f7e-9b1a-2c3d4e5f6a7b';
const OTHER_INSTALL = '9c1d0e2f-1111-4222-8333-444455556666';
const ISSUED = '2026-12-07T09:00:00Z';
const at = (iso: string) => () => new Date(iso);

interface Key {
  readonly pem: string;
  readonly pub: string;
}
const keys: Record<'a' | 'b' | 'stranger', Key> = {} as never;

async function keygen(name: string): Promise<Key> {
  const run = await runCordonInProcess(['keygen', '--out', join(tmp, name)]);
  expect(run.code, run.stderr).toBe(0);
  return { pem: join(tmp, name, 'cordon-signing.pem'), pub: run.stdout.trim() };
}

async function makeCode(args: readonly string[], now = ISSUED): Promise<string> {
  const run = await runCordonInProcess(['override', ...args], at(now));
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim();
}

const ctx = (over: Partial<OverrideContext> = {}): OverrideContext => ({
  installId: INSTALL,
  appId: 'tiktok',
  trustedKeys: [keys.a.pub, keys.b.pub],
  threshold: 1,
  now: new Date('2026-12-07T10:00:00Z'),
  ...over,
});

beforeAll(async () => {
  keys.a = await keygen('a');
  keys.b = await keygen('b');
  keys.stranger = await keygen('stranger');
});

describe('cordon override → the worker\'s check', () => {
  it('a code for this browser and app verifies, and says until when, why, and which pinned key signed', async () => {
    const code = await makeCode(['--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '4', '--reason', 'Incident 4411: reviewing a reported video']);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{1,5}(?:-[0-9A-HJKMNP-TV-Z]{1,5})+$/);
    const result = await verifyOverrideCode(code, ctx());
    expect(result).toMatchObject({ ok: true, app: 'tiktok', issuedAt: ISSUED, until: '2026-12-07T13:00:00Z', reason: 'Incident 4411: reviewing a reported video' });
    expect(result.ok && result.signers).toHaveLength(1);
  });

  it('reads the way people type: lower case, spaces for dashes, O for 0 and I or L for 1', async () => {
    const code = await makeCode(['--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '3']);
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(await verifyOverrideCode(sloppy, ctx())).toMatchObject({ ok: true });
  });

  it('refuses, and says why: another app, another browser, an unpinned key, expired, dated in the future', async () => {
    const code = await makeCode(['--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '2']);
    expect(await verifyOverrideCode(code, ctx({ appId: 'deepseek' }))).toMatchObject({ ok: false, refusal: 'other-app', detail: expect.stringMatching(/for the app "tiktok", not "deepseek"/) });
    expect(await verifyOverrideCode(code, ctx({ installId: OTHER_INSTALL }))).toMatchObject({ ok: false, refusal: 'other-browser', detail: expect.stringMatching(/starts 3f2b6c1e; this browser's starts 9c1d0e2f/) });
    expect(await verifyOverrideCode(code, ctx({ trustedKeys: [keys.b.pub] }))).toMatchObject({ ok: false, refusal: 'not-signed' });
    expect(await verifyOverrideCode(code, ctx({ now: new Date('2026-12-07T11:00:00Z') }))).toMatchObject({ ok: false, refusal: 'expired', detail: expect.stringMatching(/ended at 2026-12-07T11:00:00Z/) });
    expect(await verifyOverrideCode(code, ctx({ now: new Date('2026-12-07T08:50:00Z') }))).toMatchObject({ ok: false, refusal: 'issued-in-future' });
    // Within the clock skew every list gets (5 minutes): a code made just now on a slightly fast clock works.
    expect(await verifyOverrideCode(code, ctx({ now: new Date('2026-12-07T08:57:00Z') }))).toMatchObject({ ok: true });
    // Control: the same code, right browser, right app, right keys, in its window.
    expect(await verifyOverrideCode(code, ctx())).toMatchObject({ ok: true });
  });

  it('a code made by an unpinned key for this browser is refused even with the right install id and app', async () => {
    const code = await makeCode(['--key', keys.stranger.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '2']);
    expect(await verifyOverrideCode(code, ctx())).toMatchObject({ ok: false, refusal: 'not-signed' });
    expect(await verifyOverrideCode(code, ctx({ trustedKeys: [keys.stranger.pub] }))).toMatchObject({ ok: true });
  });

  it('the install id prefix is only a hint: a code for a browser whose id starts the same is still refused', async () => {
    const twin = `${INSTALL.slice(0, 8)}-0000-4000-8000-000000000000`;
    const code = await makeCode(['--key', keys.a.pem, '--install-id', twin, '--app', 'tiktok', '--hours', '2']);
    expect(await verifyOverrideCode(code, ctx({ installId: twin }))).toMatchObject({ ok: true });
    expect(await verifyOverrideCode(code, ctx())).toMatchObject({ ok: false, refusal: 'not-signed' });
  });

  it('the policy\'s threshold: one signature is not enough for 2; two distinct pinned keys are; the same key twice is not', async () => {
    const one = await makeCode(['--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '2']);
    const two = await makeCode(['--key', keys.a.pem, '--key', keys.b.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '2']);
    expect(await verifyOverrideCode(one, ctx({ threshold: 2 }))).toMatchObject({ ok: false, refusal: 'threshold-not-met', detail: expect.stringMatching(/1 of the 2/) });
    expect(await verifyOverrideCode(two, ctx({ threshold: 2 }))).toMatchObject({ ok: true });
    // The same signature twice credits one key once.
    const bytes = base32crockford.decode(one.replace(/-/g, ''));
    const doubled = formatOverrideCode(bytes.subarray(0, bytes.length - 64), [bytes.subarray(bytes.length - 64), bytes.subarray(bytes.length - 64)]);
    expect(await verifyOverrideCode(doubled, ctx({ threshold: 2 }))).toMatchObject({ ok: false, refusal: 'threshold-not-met' });
  });

  it('every changed byte of the signed part is refused, and a typo anywhere is never accepted', async () => {
    const code = await makeCode(['--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok', '--hours', '24', '--reason', 'r']);
    const compact = code.replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let accepted = 0;
    for (let i = 0; i < compact.length; i++) {
      const c = compact[i] ?? '0';
      const swapped = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] ?? '0';
      const typo = `${compact.slice(0, i)}${swapped}${compact.slice(i + 1)}`;
      if ((await verifyOverrideCode(typo, ctx())).ok) accepted++;
    }
    expect(accepted).toBe(0);
    expect(await verifyOverrideCode(compact.slice(0, -5), ctx())).toMatchObject({ ok: false, refusal: 'malformed' });
    expect(await verifyOverrideCode(`${compact}AAAAA`, ctx())).toMatchObject({ ok: false, refusal: 'malformed' });
    expect(await verifyOverrideCode('not a code!', ctx())).toMatchObject({ ok: false, refusal: 'malformed' });
    expect(await verifyOverrideCode('', ctx())).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('a list signature can never pass as a code: the payload type is part of what is signed', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pub = encodeBase64(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)));
    const header = overrideHeader({ installId: INSTALL, app: 'tiktok', issuedAt: Date.parse(ISSUED) / 1000, minutes: 120 });
    const body = new Uint8Array([...header, ...new TextEncoder().encode(INSTALL)]);
    const asList = new Uint8Array(sign(null, pae(PAYLOAD_TYPE, body), privateKey));
    const asCode = new Uint8Array(sign(null, overrideSigningBytes(header, INSTALL), privateKey));
    expect(await verifyOverrideCode(formatOverrideCode(header, [asList]), ctx({ trustedKeys: [pub] }))).toMatchObject({ ok: false, refusal: 'not-signed' });
    expect(await verifyOverrideCode(formatOverrideCode(header, [asCode]), ctx({ trustedKeys: [pub] }))).toMatchObject({ ok: true });
  });

  it('the CLI refuses what no browser would take, and never prints the key', async () => {
    const base = ['override', '--key', keys.a.pem, '--install-id', INSTALL, '--app', 'tiktok'];
    expect((await runCordonInProcess([...base, '--hours', '25'])).stderr).toMatch(/at most 24/);
    expect((await runCordonInProcess([...base, '--hours', '0'])).stderr).toMatch(/more than 0/);
    expect((await runCordonInProcess([...base, '--hours', 'soon'])).stderr).toMatch(/number of hours/);
    expect((await runCordonInProcess(['override', '--key', keys.a.pem, '--install-id', 'laptop-7', '--app', 'tiktok', '--hours', '1'])).stderr).toMatch(/install-id must be/);
    expect((await runCordonInProcess(['override', '--key', keys.a.pem, '--install-id', INSTALL, '--app', 'TikTok!', '--hours', '1'])).stderr).toMatch(/--app must be/);
    expect((await runCordonInProcess([...base, '--hours', '1', '--reason', 'x'.repeat(121)])).stderr).toMatch(/longer than 120/);
    expect((await runCordonInProcess([...base, '--hours', '1', '--reason', 'a\u202Eb'])).stderr).toMatch(/bidirectional/);
    const ok = await runCordonInProcess([...base, '--hours', '0.5']);
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain(readFileSync(keys.a.pem, 'utf8').split('\n')[1]);
    expect(readOverrideCode(ok.stdout.trim())).toMatchObject({ app: 'tiktok', minutes: 30, installPrefix: '3f2b6c1e' });
  });
});

describe('committed override-code vectors (test/vectors/overrides.json) through src/core', () => {
  const vectors = loadOverrideVectors();
  it('cover every refusal a typed code can cause', () => {
    const seen = new Set(vectors.map((v) => (v.expect.ok ? 'ok' : v.expect.refusal)));
    expect([...seen].sort()).toEqual(['expired', 'issued-in-future', 'malformed', 'not-signed', 'ok', 'other-app', 'other-browser', 'threshold-not-met']);
  });
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const result = await verifyOverrideCode(vector.code, { ...vector.context, now: new Date(vector.context.now) });
    expect(result.ok ? { ok: true, until: result.until, signers: result.signers } : { ok: false, refusal: result.refusal }).toEqual(vector.expect);
  });
});
