/**
 * The committed verification vectors, run by the verifier inside Cordon's real service worker: the same
 * src/core code as the CLI, but with Chromium's WebCrypto doing the Ed25519 work.
 */
import { expect, it } from 'vitest';
import { useChromium } from '../support/fixture.ts';
import type { VerifyContextJson } from '../../src/core/blocklist/index.ts';
import { loadOverrideVectors, loadVectors, runVectors, type Outcome } from '../vectors/vectors.ts';

const c = useChromium({ ready: 'worker' });

it('every committed vector gets the same verdict in the service worker as expected', async () => {
  const vectors = loadVectors();
  expect(vectors.length).toBeGreaterThan(50);
  const verify = (bytes: Uint8Array, context: VerifyContextJson): Promise<Outcome> =>
    c.worker.evaluate(
      async ({ base64, context }) => {
        type Diagnostics = {
          verifyBlocklist: (b: Uint8Array, c: unknown) => Promise<{ ok: boolean; status?: string; signers?: string[]; reason?: string }>;
          contextFromJson: (c: unknown) => unknown;
        };
        const { verifyBlocklist, contextFromJson } = (globalThis as unknown as { cordonDiagnostics: Diagnostics }).cordonDiagnostics;
        const envelope = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const result = await verifyBlocklist(envelope, contextFromJson(context));
        return result.ok
          ? { ok: true as const, status: result.status ?? '', signers: result.signers ?? [] }
          : { ok: false as const, reason: result.reason ?? '' };
      },
      { base64: Buffer.from(bytes).toString('base64'), context },
    );
  expect(await runVectors(vectors, verify)).toEqual([]);
});

it('every committed override-code vector gets the same verdict in the service worker', async () => {
  const vectors = loadOverrideVectors();
  expect(vectors.length).toBeGreaterThan(10);
  const verdicts = await c.worker.evaluate(async (all) => {
    type Diagnostics = { verifyOverrideCode: (code: string, ctx: unknown) => Promise<{ ok: boolean; until?: string; signers?: string[]; refusal?: string }> };
    const { verifyOverrideCode } = (globalThis as unknown as { cordonDiagnostics: Diagnostics }).cordonDiagnostics;
    const out = [];
    for (const v of all) {
      const r = await verifyOverrideCode(v.code, { ...v.context, now: new Date(v.context.now) });
      out.push(r.ok ? { ok: true, until: r.until, signers: r.signers } : { ok: false, refusal: r.refusal });
    }
    return out;
  }, vectors);
  expect(verdicts).toEqual(vectors.map((v) => v.expect));
});
