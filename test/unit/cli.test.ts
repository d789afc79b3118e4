/**
 * The `cordon` CLI: the real binary (node bin/cordon.mjs) for the admin workflow and error handling,
 * and every committed vector through the verify command (in-process for speed, and a sample through
 * the binary: each spawn costs ~0.7 s of tsx start-up).
 */
import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defined, envelopeBytes, loadVectors, vectorNamed, VECTORS_DIR, type TestVector } from '../vectors/vectors.ts';
import { runCordonBin, runCordonInProcess, type CliRun } from '../support/cli.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'blocklist.json');
const KEY_A = join(VECTORS_DIR, 'keys', 'signer-a.TEST-ONLY.key');
const KEY_B = join(VECTORS_DIR, 'keys', 'signer-b.TEST-ONLY.key');
const PUB_A = readFileSync(join(VECTORS_DIR, 'keys', 'signer-a.pub'), 'utf8').trim();
const PUB_B = readFileSync(join(VECTORS_DIR, 'keys', 'signer-b.pub'), 'utf8').trim();
const NOW = '2026-06-01T12:00:00Z';

const tmp = mkdtempSync(join(tmpdir(), 'cordon-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = (args: readonly string[]) => runCordonBin(args, tmp);
const inProcess = (args: readonly string[], now = new Date(NOW)) => runCordonInProcess(args, () => now);




/** One `cordon: ...` line per problem, and nothing that looks like a stack trace. */
function expectCleanError(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(pattern);
  for (const line of run.stderr.trimEnd().split('\n')) expect(line).toMatch(/^cordon: /);
  expect(run.stderr).not.toMatch(/^\s+at |node:internal|Error:/m);
}

function verifyArgs(vector: TestVector, file: string): string[] {
  const c = vector.context;
  return [
    'verify',
    ...c.trustedKeys.flatMap((k) => ['--pub', k]),
    '--threshold', String(c.threshold),
    '--now', c.now,
    ...(c.expectedListId === undefined ? [] : ['--list-id', c.expectedListId]),
    ...(c.listHost === undefined ? [] : ['--list-host', c.listHost]),
    ...(c.lastAccepted === undefined ? [] : ['--last-serial', String(c.lastAccepted.serial), '--last-sha256', c.lastAccepted.payloadSha256]),
    file,
  ];
}

function writeVector(vector: TestVector): string {
  const file = join(tmp, `${vector.name}.signed.json`);
  writeFileSync(file, envelopeBytes(vector));
  return file;
}

function expectVectorOutcome(vector: TestVector, run: CliRun): void {
  if (vector.expect.ok) {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^valid: /);
    expect(run.stdout).toContain(`signed by ${vector.expect.signers.join(', ')}`);
    expect(run.stdout.includes('(unchanged')).toBe(vector.expect.status === 'unchanged');
  } else {
    expectCleanError(run, 1, new RegExp(`: ${vector.expect.reason}: `));
  }
}

const vectors = loadVectors();

describe('cordon verify runs every committed vector', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    expectVectorOutcome(vector, await inProcess(verifyArgs(vector, writeVector(vector))));
  });

  it('through the real binary too (a sample covering each kind of outcome)', async () => {
    const sample = ['valid', 'valid-unchanged', 'payload-byte-flipped', 'too-large', 'domain-wildcard', 'config-small-order-key'];
    const runs = await Promise.all(sample.map(async (name) => {
      const vector = vectorNamed(vectors, name);
      return [vector, await bin(verifyArgs(vector, writeVector(vector)))] as const;
    }));
    for (const [vector, run] of runs) expectVectorOutcome(vector, run);
  });
});

describe('admin workflow through the binary', () => {
  const keys = join(tmp, 'keys');
  const signed = join(tmp, 'list.signed.json');
  const pubFile = join(keys, 'cordon-signing.pub');

  it('keygen writes a 0600 private key, prints only the public key, and refuses to overwrite', async () => {
    const run = await bin(['keygen', '--out', keys]);
    expect(run.code, run.stderr).toBe(0);
    const pub = run.stdout.trim();
    expect(pub).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(readFileSync(pubFile, 'utf8').trim()).toBe(pub);
    expect(statSync(join(keys, 'cordon-signing.pem')).mode & 0o777).toBe(0o600);
    expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY');
    expect(readFileSync(join(keys, 'cordon-signing.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');

    expectCleanError(await bin(['keygen', '--out', keys]), 1, /already exists; refusing to overwrite/);
  });

  it('sign accepts examples/blocklist.json as it is, expanding the catalogue entry', async () => {
    const run = await bin(['sign', '--key', join(keys, 'cordon-signing.pem'), '--in', EXAMPLE, '--out', signed, '--list-url', 'https://lists.acme-corp.com/cordon.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^signed acme-work-browsers serial 3: 1 app\(s\)/);
    const envelope = JSON.parse(readFileSync(signed, 'utf8')) as { payload: string; payloadType: string };
    expect(envelope.payloadType).toBe('application/vnd.cordon.blocklist+json');
    const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { apps: { id: string; domains: string[] }[] };
    const [app] = payload.apps;
    expect(app?.id).toBe('tiktok');
    expect(app?.domains).toContain('tiktok.com');
  });

  it('verify accepts it with the right key and refuses it with another', async () => {
    const ok = await bin(['verify', '--pub', pubFile, '--list-id', 'acme-work-browsers', '--list-url', 'https://lists.acme-corp.com/x.json', signed]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^valid: acme-work-browsers serial 3/);
    expectCleanError(await bin(['verify', '--pub', PUB_A, signed]), 1, /no-valid-signature/);
    expectCleanError(await bin(['verify', '--pub', pubFile, '--list-id', 'other', signed]), 1, /wrong-list-id/);
  });

  it('inspect summarises apps, counts, serial, dates, key ids and changes', async () => {
    const run = await bin(['inspect', signed]);
    expect(run.code, run.stderr).toBe(0);
    const keyId = (JSON.parse(readFileSync(signed, 'utf8')) as { signatures: { keyid: string }[] }).signatures[0]?.keyid ?? '(no keyid)';
    for (const text of ['NOT verified', 'acme-work-browsers', 'Serial    3', 'tiktok (TikTok): block', 'domain(s)', keyId, '#3 2025-03-01', 'Expires']) {
      expect(run.stdout).toContain(text);
    }
  });

  it('re-signing changed content under the same serial is refused; --bump-serial --change moves on', async () => {
    const key = join(keys, 'cordon-signing.pem');
    const later = '2099-01-01T00:00:00Z';
    const conflict = await inProcess(['sign', '--key', key, '--in', EXAMPLE, '--out', signed, '--stamp', '--now', later]);
    expectCleanError(conflict, 1, /already has serial 3 with different content/);

    const previous = join(tmp, 'previous.signed.json');
    writeFileSync(previous, readFileSync(signed));
    const bumped = await inProcess(['sign', '--key', key, '--in', EXAMPLE, '--out', signed, '--stamp', '--bump-serial', '--change', 'Re-signed for 2099.', '--now', later]);
    expect(bumped.code, bumped.stderr).toBe(0);
    expect(bumped.stdout).toContain('serial 4');
    const inspect = await inProcess(['inspect', signed, '--now', later]);
    expect(inspect.stdout).toContain('#4 2099-01-01: Re-signed for 2099.');

    const forward = await inProcess(['verify', '--pub', pubFile, '--previous', previous, '--now', later, signed]);
    expect(forward.code, forward.stderr).toBe(0);
    const back = await inProcess(['verify', '--pub', pubFile, '--previous', signed, '--now', later, previous]);
    expectCleanError(back, 1, /serial-rollback|expired/);
  });

  it('a threshold of two keys: sign with both, verify with --threshold 2', async () => {
    const out = join(tmp, 'two.signed.json');
    const run = await inProcess(['sign', '--key', KEY_A, '--key', KEY_B, '--in', EXAMPLE, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect((await inProcess(['verify', '--pub', PUB_A, '--pub', PUB_B, '--threshold', '2', out])).code).toBe(0);
    expectCleanError(await inProcess(['verify', '--pub', PUB_A, '--threshold', '2', out]), 1, /invalid-threshold/);
    expectCleanError(await inProcess(['sign', '--key', KEY_A, '--key', KEY_A, '--in', EXAMPLE, '--out', join(tmp, 'x.json')]), 2, /given twice/);
  });
});

describe('help', () => {
  it('cordon --help lists every command; each command has --help', async () => {
    const top = await bin(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['keygen', 'sign', 'verify', 'inspect']) {
      expect(top.stdout).toContain(name);
      const run = await inProcess([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: cordon ${name}`));
    }
  });
});

describe('user mistakes: one line, non-zero exit, no stack trace', () => {
  it('through the binary', async () => {
    const badKey = join(tmp, 'bad.pem');
    writeFileSync(badKey, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    const runs = await Promise.all([
      bin(['sign']),
      bin(['sign', '--key', badKey, '--in', EXAMPLE, '--out', join(tmp, 'o.json')]),
      bin(['verify', '--pub', PUB_A, join(tmp, 'missing.json')]),
      bin(['frobnicate']),
    ]);
    const [noArgs, badPem, missing, unknown] = runs.map((r) => defined(r));
    expectCleanError(defined(noArgs), 2, /missing --key/);
    expectCleanError(defined(badPem), 1, /is not a PEM private key/);
    expect(defined(badPem).stderr).not.toContain('not a key');
    expectCleanError(defined(missing), 1, /cannot read .*missing\.json: no such file/);
    expectCleanError(defined(unknown), 2, /unknown command "frobnicate"/);
  });

  it.each([
    [['verify', PUB_A], 2, /give at least one --pub/],
    [['verify', '--pub', PUB_A], 2, /missing LIST\.signed\.json/],
    [['verify', '--pub', PUB_A, '--threshold', 'two', 'x'], 2, /--threshold must be a whole number, not "two"/],
    [['verify', '--pub', PUB_A, '--now', 'yesterday', 'x'], 2, /--now must be a UTC time/],
    [['sign', '--key', KEY_A, '--in', EXAMPLE], 2, /missing --out/],
    [['sign', '--key', KEY_A, '--in', EXAMPLE, '--out', EXAMPLE], 2, /same file/],
    [['sign', '--key', EXAMPLE, '--in', EXAMPLE, '--out', 'o.json'], 1, /not a PEM private key/],
    [['keygen'], 2, /missing --out/],
    [['inspect', '--bogus', 'x'], 2, /Unknown option '--bogus'/],
    [['inspect', EXAMPLE], 1, /not a signed list/],
  ] as const)('%j', async (args, code, pattern) => {
    expectCleanError(await inProcess(args), code, pattern);
  });

  it('a non-Ed25519 key is refused by name', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const ec = join(tmp, 'ec.pem');
    writeFileSync(ec, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expectCleanError(await inProcess(['sign', '--key', ec, '--in', EXAMPLE, '--out', join(tmp, 'o.json')]), 1, /is a ec key; cordon signs with Ed25519 keys only/);
  });
});

describe('cordon sign validates the list first, naming the field', () => {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const explicitApp = { id: 'chatapp', name: 'ChatApp', domains: ['ChatApp.example'], mode: 'block', reason: 'Not approved.', since: '2026-01-01' };

  async function signList(list: unknown, extra: readonly string[] = []): Promise<CliRun> {
    const file = join(tmp, `input-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof list === 'string' ? list : JSON.stringify(list, null, 2));
    return inProcess(['sign', '--key', KEY_A, '--in', file, '--out', `${file}.signed`, ...extra]);
  }

  it.each([
    ['a wildcard', { ...example, apps: [{ ...explicitApp, domains: ['ok.example', '*.tiktok.com'] }] }, /apps\[0\]\.domains\[1\]: "\*\.tiktok\.com" contains a wildcard/],
    ['a URL in hosts', { ...example, apps: [{ ...explicitApp, hosts: ['https://cdn.example.net'] }] }, /apps\[0\]\.hosts\[0\]: .*URL scheme/],
    ['a public suffix', { ...example, apps: [{ ...explicitApp, domains: ['co.uk'] }] }, /apps\[0\]\.domains\[0\]: "co\.uk" is a public suffix/],
    ['an unknown catalogue entry', { ...example, apps: [{ catalogue: 'myspace', mode: 'block', since: '2026-01-01' }] }, /apps\[0\]\.catalogue: "myspace" is not a built-in app/],
    ['a field beside catalogue', { ...example, apps: [{ catalogue: 'tiktok', mode: 'block', since: '2026-01-01', domains: ['x.example'] }] }, /apps\[0\]\.domains: not allowed beside "catalogue"/],
    ['an unknown field', { ...example, color: 'red' }, /color: unknown field/],
    ['an http contact', { ...example, contact: 'http://acme-corp.com' }, /contact: must be an https: or mailto: URL/],
    ['a bad mode', { ...example, apps: [{ ...explicitApp, mode: 'deny' }] }, /apps\[0\]\.mode: must be "block" or "warn"/],
    ['a bad date', { ...example, apps: [{ ...explicitApp, since: '01/02/2026' }] }, /apps\[0\]\.since: must be a date written YYYY-MM-DD/],
    ['a duplicate key', '{"schema":1,"schema":1}', /not valid JSON: duplicate key "schema" at line 1/],
    ['an expired list', { ...example, issuedAt: '2020-01-01T00:00:00Z', expiresAt: '2020-02-01T00:00:00Z' }, /expired/],
    ['too long a validity', { ...example }, /--valid-days: must be a whole number from 1 to 90/, ['--valid-days', '120']],
  ] as const)('%s', async (_what, list, pattern, extra: readonly string[] = []) => {
    expectCleanError(await signList(list, extra), 1, pattern);
  });

  it('reports every domain problem at once, one line each', async () => {
    const run = await signList({ ...example, apps: [{ ...explicitApp, domains: ['*.a.example', 'http://b.example', 'c.example'] }] });
    expectCleanError(run, 1, /domains\[0\].*\n.*domains\[1\]/);
  });

  it('normalises what the browser would normalise (case, IDN) and signs the canonical form', async () => {
    const run = await signList({ ...example, apps: [{ ...explicitApp, domains: ['ChatApp.example', 'bücher.example', 'chatapp.example'] }] });
    expect(run.code, run.stderr).toBe(0);
    const out = defined(/-> (.*)$/m.exec(run.stdout)?.[1], 'output path');
    const inspect = await inProcess(['inspect', out]);
    expect(inspect.stdout).toContain('blocks: chatapp.example xn--bcher-kva.example');
  });

  it('refuses a list that would block the host it is published on', async () => {
    const run = await signList(example, ['--list-url', 'https://www.tiktok.com/list.json']);
    expectCleanError(run, 1, /blocks-own-host/);
  });

  it('refuses list URLs the browsers would refuse: a trailing dot (which the rules strip) or whitespace', async () => {
    expectCleanError(await signList(example, ['--list-url', 'https://lists.tiktok.com./list.json']), 2, /--list-url must not end its host name with a dot/);
    expectCleanError(await signList(example, ['--list-url', 'https://lists.acme.example/list.json ']), 2, /--list-url must not contain whitespace/);
  });

  it.each([
    [
      'a name in two apps',
      [explicitApp, { ...explicitApp, id: 'chat2', name: 'Chat 2', domains: ['chatapp.example'] }],
      /apps\[1\]\.domains\[0\]: "chatapp\.example" is also blocked by apps\[0\] \("chatapp"\)/,
    ],
    [
      "one app's allowed host at another app's name",
      [{ ...explicitApp, domains: ['chatapp.example'], allow: ['api.chatapp.example'] }, { ...explicitApp, id: 'chatapi', name: 'Chat API', domains: [], hosts: ['api.chatapp.example'] }],
      /apps\[0\]\.allow\[0\]: "api\.chatapp\.example" is allowed by apps\[0\] \("chatapp"\), but apps\[1\] \("chatapi"\) blocks that very name/,
    ],
    [
      "one app's allowed host above another app's name",
      [{ ...explicitApp, allow: ['eu.chatapp.example'] }, { ...explicitApp, id: 'chatapi', name: 'Chat API', domains: [], hosts: ['api.eu.chatapp.example'] }],
      /apps\[0\]\.allow\[0\]: "eu\.chatapp\.example" is allowed by apps\[0\] \("chatapp"\) and covers "api\.eu\.chatapp\.example", which apps\[1\] \("chatapi"\) blocks/,
    ],
  ])('refuses %s: an allow rule outranks every block', async (_what, apps, pattern) => {
    expectCleanError(await signList({ ...example, apps }), 1, pattern);
  });

  it('accepts times as tools write them (milliseconds, +00:00) and signs the canonical form', async () => {
    const run = await signList({ ...example, issuedAt: '2026-06-01T10:00:00.123Z', expiresAt: '2026-06-20T10:00:00+00:00' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('valid 2026-06-01T10:00:00Z to 2026-06-20T10:00:00Z');
    expectCleanError(await signList({ ...example, issuedAt: '2026-06-01T10:00:00.123+02:00' }), 1, /issuedAt: must be a UTC time/);
  });

  it('refuses numbers written other than in plain digits', async () => {
    const text = JSON.stringify({ ...example, serial: 1 }).replace('"serial":1', '"serial":1.0');
    expectCleanError(await signList(text), 1, /not valid JSON: number 1\.0 is not a whole number/);
  });

  it('writes through a temporary file of its own: a symlink planted at a predictable name is not followed', async () => {
    const out = join(tmp, 'planted.signed.json');
    const victim = join(tmp, 'victim.txt');
    writeFileSync(victim, 'precious');
    // The name earlier versions used (pid-based), and the pattern's obvious variants.
    for (const name of [`.planted.signed.json.${process.pid}.tmp`, '.planted.signed.json.tmp']) symlinkSync(victim, join(tmp, name));
    const input = join(tmp, 'planted.json');
    writeFileSync(input, JSON.stringify(example));
    const run = await inProcess(['sign', '--key', KEY_A, '--in', input, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('signatures');
    expect(existsSync(join(tmp, `.planted.signed.json.${process.pid}.tmp`))).toBe(true); // left alone, not replaced
  });
});

describe('cordon inspect shows unverified text safely', () => {
  it('escape sequences and bidi controls in key ids, types and names are printed as visible escapes', async () => {
    const { serializeEnvelope } = await import('../../src/core/blocklist/dsse.ts');
    const payload = JSON.parse(Buffer.from((JSON.parse(defined(vectorNamed(vectors, 'valid').envelope)) as { payload: string }).payload, 'base64').toString('utf8')) as {
      apps: { domains: string[] }[];
    };
    payload.apps[0]?.domains.push('evil\u009b2J.example', 'x\u202egro.example');
    const file = join(tmp, 'hostile.signed.json');
    writeFileSync(file, serializeEnvelope('application/vnd.cordon.blocklist+json\u001b[2J', new TextEncoder().encode(JSON.stringify(payload)), [{ keyid: 'abc\u001b]0;pwned\u0007', sig: new Uint8Array(64) }]));
    for (const run of [await inProcess(['inspect', '--now', NOW, file]), await bin(['inspect', '--now', NOW, file])]) {
      expect(run.code, run.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex -- looking for exactly these characters
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
      expect(run.stdout).toContain('keyid abc\\u{001B}]0;pwned\\u{0007} (claimed, unverified)');
      expect(run.stdout).toContain('Type      application/vnd.cordon.blocklist+json\\u{001B}[2J (NOT a Cordon blocklist type)');
    }
  }, 30_000);
});
