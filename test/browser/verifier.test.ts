/**
 * The committed verification vectors, run by the verifier inside Cordon's real service worker: the same
 * src/core code as the CLI, but with Chromium's WebCrypto doing the Ed25519 work.
 */
import { expect, it } from 'vitest';
import { useChromium } from '../support/fixture.ts';
import type { VerifyContextJson } from '../../src/core/blocklist/index.ts';
import { loadVectors, runVectors, type Outcome } from '../vectors/vectors.ts';

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
