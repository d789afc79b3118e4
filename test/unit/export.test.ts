/**
 * `cordon export` (issue #17): never from an unverified list; every format names its source; warned
 * apps and exceptions are said, not silently dropped; limits of a format are said. The resolvers'
 * own reading of the DNS formats is test/components/dns-export.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBlocklistPayload } from '../../src/core/blocklist/payload.ts';
import type { JsonValue } from '../../src/core/blocklist/json.ts';
import { exportSet } from '../../src/core/export/names.ts';
import { renderExport, URL_POLICY_MAX, EXPORT_FORMATS } from '../../src/core/export/formats.ts';
import { runCordonInProcess } from '../support/cli.ts';
import { listPayload, newSigner, type TestSigner } from '../support/signing.ts';

const dir = mkdtempSync(join(tmpdir(), 'cordon-export-unit-'));
const LIST = join(dir, 'list.signed.json');
let signer: TestSigner;
let other: TestSigner;

const apps = [
  { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], allow: ['developers.tiktok.com'], reason: '=HYPERLINK("http://x") not approved' },
  { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], enforceFrom: '2099-01-01' },
];

beforeAll(async () => {
  signer = await newSigner();
  other = await newSigner();
  writeFileSync(LIST, signer.sign(listPayload('acme', 9, apps)));
});

describe('cordon export', () => {
  it('refuses a list that does not verify under the given keys, and writes nothing', async () => {
    const out = join(dir, 'refused.rpz');
    const run = await runCordonInProcess(['export', '--pub', other.publicKey, '--format', 'rpz', '--out', out, LIST]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not exported: no-valid-signature/);
    expect(() => readFileSync(out)).toThrow();
    expect((await runCordonInProcess(['export', '--format', 'rpz', LIST])).stderr).toMatch(/unverified list is never exported/);
    expect((await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'bind', LIST])).stderr).toMatch(/--format must be one of/);
    for (const bad of ['999.1.1.1', '::::::', 'localhost']) {
      expect((await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'rpz', '--block-address', bad, LIST])).stderr, bad).toMatch(/--block-address must be an IPv4 or IPv6 address/);
    }
    const v6 = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'rpz', '--block-address', '::1', LIST]);
    expect(v6.stdout).toContain('*.tiktok.com AAAA ::1');
  });

  it.each(EXPORT_FORMATS.filter((f) => !['urlblocklist', 'defender-csv', 'json'].includes(f)))('%s states its source and the warned app it leaves out, in comments', async (format) => {
    const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', format, LIST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Cordon export of list "acme" serial 9/);
    expect(run.stdout).toContain(`verified against pinned key(s) ${signer.keyId}`);
    expect(run.stdout).toMatch(/ChatApp \(chatapp\) is only warned about in browsers until 2099-01-01/);
    expect(run.stdout).not.toMatch(/chatapp\.example(?!.*warned)/);
    expect(run.stderr).toMatch(/note: ChatApp \(chatapp\) is only warned about/);
  });

  it('urlblocklist: Chrome policy JSON, blocklist and allowlist; the source said on stderr', async () => {
    const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'urlblocklist', LIST]);
    expect(JSON.parse(run.stdout)).toEqual({ URLBlocklist: ['tiktok.com'], URLAllowlist: ['developers.tiktok.com'] });
    expect(run.stderr).toMatch(/source of this policy is list "acme" serial 9/);
  });

  it('defender-csv: one indicator per name and allowed host, expiring with the list, formulas defused', async () => {
    const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'defender-csv', LIST]);
    const rows = run.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title,Description,RecommendedActions,RbacGroups,Category,MitreTechniques,GenerateAlert');
    expect(rows[1]).toMatch(/^DomainName,tiktok\.com,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0Z,Block,Informational,"Cordon: TikTok","'=HYPERLINK\(""http:\/\/x""\) not approved \(list acme serial 9, signed by [0-9a-f]{16}\)",,,,,FALSE$/);
    expect(rows[2]).toMatch(/^DomainName,developers\.tiktok\.com,.+,Allowed,/);
    expect(rows).toHaveLength(3);
  });

  it('json: apps and names with the source', async () => {
    const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'json', LIST]);
    const body = JSON.parse(run.stdout) as { source: { listId: string; serial: number; signers: string[] }; apps: { id: string; names: string[]; allow: string[] }[] };
    expect(body.source).toMatchObject({ listId: 'acme', serial: 9, signers: [signer.keyId] });
    expect(body.apps).toEqual([expect.objectContaining({ id: 'tiktok', names: ['tiktok.com'], allow: ['developers.tiktok.com'] })]);
  });

  it('--out writes the same bytes as standard output', async () => {
    const out = join(dir, 'list.rpz');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const printed = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'rpz', '--now', now, LIST]);
    expect((await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'rpz', '--now', now, '--out', out, LIST])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });
});

describe('export limits, said', () => {
  it(`URLBlocklist holds ${URL_POLICY_MAX} entries: the rest are named as left out`, () => {
    const domains = Array.from({ length: URL_POLICY_MAX + 3 }, (_, i) => `blocked-${i}.example`);
    const parsed = parseBlocklistPayload(listPayload('acme', 1, [{ id: 'many', name: 'Many', domains }]) as unknown as JsonValue);
    if (!parsed.ok) throw new Error(parsed.message);
    const out = renderExport('urlblocklist', exportSet(parsed.list, { now: new Date(), signers: ['k'] }));
    expect((JSON.parse(out.text) as { URLBlocklist: string[] }).URLBlocklist).toHaveLength(URL_POLICY_MAX);
    const kept = new Set((JSON.parse(out.text) as { URLBlocklist: string[] }).URLBlocklist);
    const left = domains.filter((d) => !kept.has(d));
    expect(left).toHaveLength(3);
    expect(out.notes.join(' ')).toContain(`at most 1000 entries: 3 name(s) are left out (${left.join(', ')})`);
  });

  it('an exception is left unapplied without --groups, and applied for a group it names, until it ends', () => {
    const until = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const parsed = parseBlocklistPayload(listPayload('acme', 1, [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] }], { exceptions: [{ app: 'tiktok', groups: ['marketing'], until, reason: 'r' }] }) as unknown as JsonValue);
    if (!parsed.ok) throw new Error(parsed.message);
    const all = exportSet(parsed.list, { now: new Date(), signers: ['k'] });
    expect(all.apps.map((a) => a.id)).toEqual(['tiktok']);
    expect(all.notes.join(' ')).toMatch(/1 exception\(s\) for group\(s\) marketing are not applied here/);
    const marketing = exportSet(parsed.list, { now: new Date(), signers: ['k'], groups: ['marketing'] });
    expect(marketing.apps).toEqual([]);
    expect(marketing.validUntil).toBe(until);
    expect(marketing.notes.join(' ')).toMatch(/left out: the list's exception for marketing holds until/);
    const after = exportSet(parsed.list, { now: new Date(Date.parse(until) + 1000), signers: ['k'], groups: ['marketing'] });
    expect(after.apps.map((a) => a.id)).toEqual(['tiktok']);
  });
});
