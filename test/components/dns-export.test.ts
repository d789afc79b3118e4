/**
 * `cordon export` (issue #17) against the real components: Debian's Unbound loads the RPZ and the
 * local-zone include, dnsmasq the address= lines and the hosts file, each on a loopback port over a
 * test "internet" (see test/support/resolvers.ts). Blocked names and their subdomains get NXDOMAIN
 * (or the block address); allowed hosts, lookalikes, siblings and shared infrastructure get their
 * normal answer; and the same resolver without the export answers every blocked name normally (the
 * positive control). The export is made by the real CLI from a list it verified.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCordonInProcess } from '../support/cli.ts';
import { startDnsmasq, startUnbound, type Records, type RunningResolver } from '../support/resolvers.ts';
import { listPayload, newSigner, type TestSigner } from '../support/signing.ts';

const dir = mkdtempSync(join(tmpdir(), 'cordon-export-'));
const LIST = join(dir, 'list.signed.json');

/** The test internet: every name answers, so any NXDOMAIN below comes from the exported policy. */
const RECORDS: Records = {
  'tiktok.com': '192.0.2.10',
  'www.tiktok.com': '192.0.2.11',
  'deep.sub.tiktok.com': '192.0.2.12',
  'developers.tiktok.com': '192.0.2.13',
  'api.developers.tiktok.com': '192.0.2.14',
  'tiktokv.com': '192.0.2.15',
  'p16-tiktok-va.ibyteimg.com': '192.0.2.16',
  'forum.example': '192.0.2.17',
  'www.forum.example': '192.0.2.18',
  'chatapp.example': '192.0.2.19',
  // Lookalikes, a sibling product and shared infrastructure: never blocked.
  'nottiktok.com': '192.0.2.30',
  'tiktok.com.evil.example': '192.0.2.31',
  'capcut.com': '192.0.2.32',
  'ibyteimg.com': '192.0.2.33',
  'p16-sign.ibyteimg.com': '192.0.2.34',
};
const BLOCKED = ['tiktok.com', 'www.tiktok.com', 'deep.sub.tiktok.com', 'tiktokv.com', 'p16-tiktok-va.ibyteimg.com', 'forum.example', 'www.forum.example'];
const UNTOUCHED = ['developers.tiktok.com', 'api.developers.tiktok.com', 'nottiktok.com', 'tiktok.com.evil.example', 'capcut.com', 'ibyteimg.com', 'p16-sign.ibyteimg.com', 'chatapp.example'];

let signer: TestSigner;

async function exported(format: string, ...extra: string[]): Promise<string> {
  const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', format, ...extra, LIST]);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

async function answers(resolver: RunningResolver, names: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = await resolver.lookup(name);
  return out;
}
const expected = (names: readonly string[], answer: (name: string) => string) => Object.fromEntries(names.map((n) => [n, answer(n)]));
const normal = (name: string) => RECORDS[name] ?? 'missing';

beforeAll(async () => {
  signer = await newSigner();
  const payload = listPayload(
    'acme-work-browsers',
    4,
    [
      { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com', 'tiktokv.com'], hosts: ['p16-tiktok-va.ibyteimg.com'], allow: ['developers.tiktok.com'] },
      { id: 'forum', name: 'Forum', domains: ['forum.example'] },
      { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], mode: 'warn' },
    ],
    { exceptions: [{ app: 'forum', groups: ['marketing'], until: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), reason: 'Community team.' }] },
  );
  writeFileSync(LIST, signer.sign(payload));
});

describe('Unbound', () => {
  const running: RunningResolver[] = [];
  afterAll(async () => {
    for (const r of running) await r.stop();
  });

  it('control: without the export, every test name resolves normally', async () => {
    const plain = await startUnbound({ records: RECORDS });
    running.push(plain);
    expect(await answers(plain, [...BLOCKED, ...UNTOUCHED])).toEqual(expected([...BLOCKED, ...UNTOUCHED], normal));
  });

  it('loads the RPZ: blocked names and their subdomains NXDOMAIN; allowed hosts, lookalikes, siblings, shared infrastructure and warned apps answer', async () => {
    const zone = await exported('rpz');
    expect(zone).toMatch(/^; Cordon export of list "acme-work-browsers" serial 4, issued .+ by Acme Corp Information Security$/m);
    expect(zone).toContain(`verified against pinned key(s) ${signer.keyId}`);
    const rpz = await startUnbound({ records: RECORDS, rpz: zone });
    running.push(rpz);
    expect(await answers(rpz, BLOCKED)).toEqual(expected(BLOCKED, () => 'NXDOMAIN'));
    expect(await answers(rpz, UNTOUCHED)).toEqual(expected(UNTOUCHED, normal));
  });

  it('the RPZ with a block address answers it instead; --groups applies that group\'s exception', async () => {
    const rpz = await startUnbound({ records: RECORDS, rpz: await exported('rpz', '--block-address', '192.0.2.99', '--groups', 'marketing') });
    running.push(rpz);
    const stillBlocked = BLOCKED.filter((n) => !n.endsWith('forum.example'));
    expect(await answers(rpz, stillBlocked)).toEqual(expected(stillBlocked, () => '192.0.2.99'));
    expect(await answers(rpz, ['forum.example', 'www.forum.example', ...UNTOUCHED])).toEqual(expected(['forum.example', 'www.forum.example', ...UNTOUCHED], normal));
  });

  it('loads the local-zone include the same way', async () => {
    const include = await exported('unbound');
    expect(include).toContain('local-zone: "tiktok.com." always_nxdomain');
    const local = await startUnbound({ records: RECORDS, include });
    running.push(local);
    expect(await answers(local, BLOCKED)).toEqual(expected(BLOCKED, () => 'NXDOMAIN'));
    expect(await answers(local, UNTOUCHED)).toEqual(expected(UNTOUCHED, normal));
  });
});

describe('dnsmasq', () => {
  const running: RunningResolver[] = [];
  let upstream: RunningResolver;
  beforeAll(async () => {
    upstream = await startUnbound({ records: RECORDS });
    running.push(upstream);
  });
  afterAll(async () => {
    for (const r of running) await r.stop();
  });

  it('control: dnsmasq without the export forwards every test name', async () => {
    const plain = await startDnsmasq({ upstreamPort: upstream.port });
    running.push(plain);
    expect(await answers(plain, [...BLOCKED, ...UNTOUCHED])).toEqual(expected([...BLOCKED, ...UNTOUCHED], normal));
  });

  it('loads the address= export: blocked names and their subdomains NXDOMAIN, the rest forwarded', async () => {
    const conf = await exported('dnsmasq');
    expect(conf).toContain('address=/tiktok.com/');
    expect(conf).toContain('server=/developers.tiktok.com/#');
    const masq = await startDnsmasq({ upstreamPort: upstream.port, conf });
    running.push(masq);
    expect(await answers(masq, BLOCKED)).toEqual(expected(BLOCKED, () => 'NXDOMAIN'));
    expect(await answers(masq, UNTOUCHED)).toEqual(expected(UNTOUCHED, normal));
  });

  it('reads the hosts export: the listed names answer 0.0.0.0, and, as the file says, their subdomains are not covered', async () => {
    const hosts = await exported('hosts');
    expect(hosts).toMatch(/^# A hosts file cannot block subdomains/m);
    const masq = await startDnsmasq({ upstreamPort: upstream.port, hosts });
    running.push(masq);
    const listed = ['tiktok.com', 'tiktokv.com', 'p16-tiktok-va.ibyteimg.com', 'forum.example'];
    expect(await answers(masq, listed)).toEqual(expected(listed, () => '0.0.0.0'));
    // What a hosts file cannot express: these still resolve (the file's first note says so).
    expect(await answers(masq, ['www.tiktok.com', 'www.forum.example'])).toEqual(expected(['www.tiktok.com', 'www.forum.example'], normal));
    expect(await answers(masq, UNTOUCHED)).toEqual(expected(UNTOUCHED, normal));
  });
});
