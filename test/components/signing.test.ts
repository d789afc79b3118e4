/**
 * Signing the way security teams hold keys (issue #17), with real external programs and never a
 * mock: two-person control (`cordon sign` by one holder, `cordon cosign` by another over the payload
 * they reviewed), OpenSSL and ssh-agent as external signers (`--signer-command`; the key never sits in
 * a file Cordon reads), and scheduled re-signing (`--bump --expires-in`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOverrideCode } from '../../src/core/override-code.ts';
import { runCordonInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cordon-signing-'));
const at = (file: string) => join(dir, file);
const AGENT_SIGNER = resolve(import.meta.dirname, '../../examples/signers/ssh-agent-sign.mjs');
const INPUT = {
  schema: 1,
  listId: 'acme',
  serial: 1,
  issuer: 'Acme Security',
  contact: 'mailto:security@acme.example',
  apps: [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Not approved.', since: '2026-01-15' }],
};

let alice: { pem: string; pub: string };
/** Bob's key lives only where OpenSSL reads it: Cordon sees the public half and a shell command. */
let bobPub: string;
let bobSigner: string;
let agent: { socket: string; pid: number } | undefined;

const cordon = (args: readonly string[]) => runCordonInProcess(args);
const payloadSha = async (file: string) => /sha256 ([0-9a-f]{64})/.exec((await cordon(['inspect', file])).stdout)?.[1] ?? 'none';

beforeAll(async () => {
  const keygen = await cordon(['keygen', '--out', at('alice')]);
  alice = { pem: at('alice/cordon-signing.pem'), pub: keygen.stdout.trim() };
  execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', at('bob.pem')]);
  bobPub = execFileSync('sh', ['-c', `openssl pkey -in "${at('bob.pem')}" -pubout -outform DER | tail -c 32 | base64`]).toString().trim();
  // OpenSSL 3.0's one-shot Ed25519 signing needs a file, not a pipe: the recipe in docs/deploying.md.
  bobSigner = `t=$(mktemp); cat > "$t"; openssl pkeyutl -sign -rawin -inkey "${at('bob.pem')}" -in "$t"; rc=$?; rm -f "$t"; exit $rc`;
  writeFileSync(at('list.json'), JSON.stringify(INPUT));
});

afterAll(() => {
  if (agent !== undefined) process.kill(agent.pid);
});

describe('two-person control: sign, review, cosign', () => {
  it('alice signs; bob reviews the payload hash and cosigns with OpenSSL; only then does a threshold of 2 pass', async () => {
    const signed = await cordon(['sign', '--key', alice.pem, '--in', at('list.json'), '--out', at('one.signed.json')]);
    expect(signed.code, signed.stderr).toBe(0);
    const twoKeys = ['--pub', alice.pub, '--pub', bobPub, '--threshold', '2'];
    // Control: one signature does not meet a threshold of 2.
    expect((await cordon(['verify', ...twoKeys, at('one.signed.json')])).stderr).toMatch(/threshold-not-met/);

    const reviewed = await payloadSha(at('one.signed.json'));
    const cosigned = await cordon(['cosign', '--signer-command', bobSigner, '--pub', bobPub, '--in', at('one.signed.json'), '--out', at('two.signed.json'), '--reviewed', reviewed]);
    expect(cosigned.code, cosigned.stderr).toBe(0);
    expect(cosigned.stdout).toMatch(/cosigned acme serial 1 .+: 2 signature\(s\)/);
    const verified = await cordon(['verify', ...twoKeys, at('two.signed.json')]);
    expect(verified.code, verified.stderr).toBe(0);
    // The payload bytes are the ones alice signed and bob reviewed.
    expect(await payloadSha(at('two.signed.json'))).toBe(reviewed);
  });

  it('refuses a payload other than the one reviewed, and signs nothing', async () => {
    writeFileSync(at('list-changed.json'), JSON.stringify({ ...INPUT, apps: [{ ...INPUT.apps[0], domains: ['tiktok.com', 'bank.example'] }] }));
    expect((await cordon(['sign', '--key', alice.pem, '--in', at('list-changed.json'), '--out', at('changed.signed.json')])).code).toBe(0);
    const reviewed = await payloadSha(at('one.signed.json'));
    const run = await cordon(['cosign', '--signer-command', bobSigner, '--pub', bobPub, '--in', at('changed.signed.json'), '--out', at('changed-two.signed.json'), '--reviewed', reviewed]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not the one you reviewed .+ nothing was signed/);
    expect(() => readFileSync(at('changed-two.signed.json'))).toThrow();
  });

  it('refuses a second signature by the same key, and a signer whose output is not a signature by --pub', async () => {
    const reviewed = await payloadSha(at('one.signed.json'));
    expect((await cordon(['cosign', '--key', alice.pem, '--in', at('one.signed.json'), '--out', at('x.json'), '--reviewed', reviewed])).stderr).toMatch(/already signed by/);
    // OpenSSL signs with bob's key, but --pub names carol's: caught before anything is written.
    const carol = (await cordon(['keygen', '--out', at('carol')])).stdout.trim();
    const mismatched = await cordon(['cosign', '--signer-command', bobSigner, '--pub', carol, '--in', at('one.signed.json'), '--out', at('y.json'), '--reviewed', reviewed]);
    expect(mismatched.stderr).toMatch(/does not verify with --pub/);
    expect(() => readFileSync(at('y.json'))).toThrow();
    const garbage = await cordon(['cosign', '--signer-command', 'head -c 10 /dev/zero', '--pub', bobPub, '--in', at('one.signed.json'), '--out', at('z.json'), '--reviewed', reviewed]);
    expect(garbage.stderr).toMatch(/did not print a 64-byte Ed25519 signature/);
    const failing = await cordon(['cosign', '--signer-command', 'echo token not present >&2; exit 3', '--pub', bobPub, '--in', at('one.signed.json'), '--out', at('z.json'), '--reviewed', reviewed]);
    expect(failing.stderr).toMatch(/signer command failed \(exit 3\): token not present/);
    expect(() => readFileSync(at('z.json'))).toThrow();
  });
});

describe('external signers', () => {
  it('a signer that prints base64 (as cloud KMS command-line tools do) works the same', async () => {
    const run = await cordon(['sign', '--signer-command', `(${bobSigner}) | base64 -w0`, '--pub', bobPub, '--in', at('list.json'), '--out', at('b64.signed.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect((await cordon(['verify', '--pub', bobPub, at('b64.signed.json')])).code).toBe(0);
  });

  it('ssh-agent: the key stays in the agent; the recipe signs a list and an override code', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', at('agent_ed25519')]);
    const out = execFileSync('ssh-agent', ['-s', '-a', at('agent.sock')]).toString();
    agent = { socket: at('agent.sock'), pid: Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]) };
    process.env.SSH_AUTH_SOCK = agent.socket;
    execFileSync('ssh-add', ['-q', at('agent_ed25519')], { env: { ...process.env, SSH_AUTH_SOCK: agent.socket } });
    const pub = execFileSync('node', [AGENT_SIGNER, '--print-pub', at('agent_ed25519.pub')]).toString().trim();
    const command = `node "${AGENT_SIGNER}" "${at('agent_ed25519.pub')}"`;

    const signed = await cordon(['sign', '--signer-command', command, '--pub', pub, '--in', at('list.json'), '--out', at('agent.signed.json')]);
    expect(signed.code, signed.stderr).toBe(0);
    expect((await cordon(['verify', '--pub', pub, at('agent.signed.json')])).code).toBe(0);
    // Control: the same list does not verify under another key.
    expect((await cordon(['verify', '--pub', bobPub, at('agent.signed.json')])).stderr).toMatch(/no-valid-signature/);

    const installId = '3f2b6c1e-8d4a-4f7e-9b1a-2c3d4e5f6a7b';
    const code = await cordon(['override', '--signer-command', command, '--pub', pub, '--install-id', installId, '--app', 'tiktok', '--hours', '1']);
    expect(code.code, code.stderr).toBe(0);
    expect(await verifyOverrideCode(code.stdout.trim(), { installId, appId: 'tiktok', trustedKeys: [pub], threshold: 1, now: new Date() })).toMatchObject({ ok: true });
  });

  it('a signer that exits without a signature is refused at once, and nothing is written', async () => {
    const silent = await cordon(['sign', '--signer-command', 'cat > /dev/null', '--pub', bobPub, '--in', at('list.json'), '--out', at('silent.signed.json')]);
    expect(silent.stderr).toMatch(/did not print a 64-byte Ed25519 signature/);
    expect(() => readFileSync(at('silent.signed.json'))).toThrow();
  });
});

describe('scheduled re-signing', () => {
  it('--bump --expires-in: a higher serial, issued now, valid for the given time only', async () => {
    const out = at('daily.signed.json');
    const first = await runCordonInProcess(['sign', '--key', alice.pem, '--in', at('list.json'), '--out', out, '--bump', '--expires-in', '36h'], () => new Date('2026-12-07T06:00:00Z'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/serial 2: .+ valid 2026-12-07T06:00:00Z to 2026-12-08T18:00:00Z/);
    const next = await runCordonInProcess(['sign', '--key', alice.pem, '--in', at('list.json'), '--out', out, '--bump', '--expires-in', '36h'], () => new Date('2026-12-08T06:00:00Z'));
    expect(next.stdout).toMatch(/serial 3: .+ valid 2026-12-08T06:00:00Z to 2026-12-09T18:00:00Z/);
    // A stolen copy of yesterday's list stops verifying once its 36 hours are over.
    expect((await runCordonInProcess(['verify', '--pub', alice.pub, '--now', '2026-12-09T18:00:01Z', out])).stderr).toMatch(/expired/);
    expect((await cordon(['sign', '--key', alice.pem, '--in', at('list.json'), '--out', at('bad.json'), '--expires-in', '91d'])).stderr).toMatch(/at most 90d/);
    expect((await cordon(['sign', '--key', alice.pem, '--in', at('list.json'), '--out', at('bad.json'), '--expires-in', 'tomorrow'])).stderr).toMatch(/like 90m, 36h or 7d/);
  });
});
