/**
 * Property tests: whatever an attacker does to a signed envelope's bytes, the verifier never accepts a
 * list other than the one that was signed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextFromJson, decodeBase64, encodeBase64, verifyBlocklist, type VerifyResult } from '../../src/core/blocklist/index.ts';
import { defined, envelopeBytes, loadVectors, vectorNamed } from '../vectors/vectors.ts';

const vectors = loadVectors();
const withKeyid = vectorNamed(vectors, 'valid');
const withKeyidText = defined(withKeyid.envelope);
// Without a keyid every byte of the envelope is significant (a keyid is an unauthenticated hint, so
// editing it may legitimately leave the envelope valid).
const noKeyid = vectorNamed(vectors, 'valid-no-keyid');
const ctx = contextFromJson(withKeyid.context);
const original = envelopeBytes(withKeyid);
const originalPayload = (JSON.parse(withKeyidText) as { payload: string }).payload;
const RUNS = { numRuns: 300 };

const verify = (bytes: Uint8Array): Promise<VerifyResult> => verifyBlocklist(bytes, ctx);
const sameListOrRejected = (r: VerifyResult): boolean => !r.ok || Buffer.from(r.payloadBytes).toString('base64') === originalPayload;

function edit(text: string, at: number, replacement: string, deleteCount = 1): string {
  return text.slice(0, at) + replacement + text.slice(at + deleteCount);
}

describe('a mutated envelope is never accepted', () => {
  it('the unmutated envelopes are accepted (so rejections below mean something)', async () => {
    expect((await verify(original)).ok).toBe(true);
    expect((await verify(envelopeBytes(noKeyid))).ok).toBe(true);
  });

  it('any single bit flip in an envelope without keyid is rejected', async () => {
    const bytes = envelopeBytes(noKeyid);
    // The final newline is outside the JSON document; flipping it to another whitespace is harmless.
    const significant = new TextDecoder().decode(bytes).trimEnd().length;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: significant - 1 }), fc.nat({ max: 7 }), async (i, bit) => {
        const mutated = Uint8Array.from(bytes);
        mutated[i] = (mutated[i] ?? 0) ^ (1 << bit);
        expect((await verify(mutated)).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('any truncation is rejected', async () => {
    const significant = withKeyidText.trimEnd().length;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: significant - 1 }), async (cut) => {
        expect((await verify(original.subarray(0, cut))).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('any edit to the payload or signature base64 is rejected', async () => {
    const text = withKeyidText;
    const sig = defined(JSON.parse(text) as { signatures: { sig: string }[] }).signatures[0];
    const env = JSON.parse(text) as { payload: string; signatures: { sig: string }[] };
    const fields = [
      { start: text.indexOf(env.payload), length: env.payload.length },
      { start: text.indexOf(defined(sig).sig), length: defined(sig).sig.length },
    ];
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \\';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom(...chars), fc.nat({ max: 2 }),
        async (f, where, c, op) => {
          const field = defined(fields[f]);
          const at = field.start + Math.floor(where * field.length);
          // Replace, insert or delete one character.
          const mutated = op === 0 ? edit(text, at, c) : op === 1 ? edit(text, at, c, 0) : edit(text, at, '');
          fc.pre(mutated !== text);
          expect((await verify(new TextEncoder().encode(mutated))).ok).toBe(false);
        }),
      RUNS,
    );
  });

  it('any change to the payload bytes, validly re-encoded, is rejected', async () => {
    const payload = decodeBase64(originalPayload);
    if (!payload.ok) throw new Error('unreachable');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: payload.bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const changed = Uint8Array.from(payload.bytes);
        changed[i] = (changed[i] ?? 0) ^ x;
        const mutated = withKeyidText.replace(originalPayload, encodeBase64(changed));
        const r = await verify(new TextEncoder().encode(mutated));
        expect(r.ok ? 'ok' : r.reason).toBe('no-valid-signature');
      }),
      RUNS,
    );
  });

  it('random splices (insertions, deletions, duplications) never yield a different list', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), del: fc.nat({ max: 8 }), ins: fc.uint8Array({ maxLength: 8 }) }),
          { minLength: 1, maxLength: 4 },
        ),
        async (splices) => {
          let bytes: Uint8Array = original;
          for (const s of splices) {
            const at = Math.floor(s.at * bytes.length);
            bytes = Uint8Array.from([...bytes.subarray(0, at), ...s.ins, ...bytes.subarray(at + s.del)]);
          }
          expect(sameListOrRejected(await verify(bytes))).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
