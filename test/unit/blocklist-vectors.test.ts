import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromJson, REASON_CODES, verifyBlocklist } from '../../src/core/blocklist/index.ts';
import { buildVectorFiles } from '../../scripts/make-vectors.ts';
import { envelopeBytes, loadVectors, mismatch, VECTORS_DIR } from '../vectors/vectors.ts';

const vectors = loadVectors();

describe('committed test vectors through src/core verifyBlocklist', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const result = await verifyBlocklist(envelopeBytes(vector), contextFromJson(vector.context));
    const outcome = result.ok ? { ok: true as const, status: result.status, signers: result.signers } : { ok: false as const, reason: result.reason };
    expect(mismatch(vector, outcome)).toBeUndefined();
    // A failure always explains itself in a sentence, starting with the reason's fixed text.
    if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
  });
});

describe('the vector set', () => {
  it('is exactly what scripts/make-vectors.ts generates (regenerate with npx tsx scripts/make-vectors.ts)', async () => {
    const files = await buildVectorFiles();
    for (const [path, contents] of files) expect(readFileSync(join(VECTORS_DIR, path), 'utf8'), path).toBe(contents);
    const committed = readdirSync(join(VECTORS_DIR, 'cases')).map((f) => `cases/${f}`);
    expect(committed.sort()).toEqual([...files.keys()].filter((p) => p.startsWith('cases/')).sort());
  });

  it('exercises every reason code the envelope can cause', () => {
    const seen = new Set(vectors.flatMap((v) => (v.expect.ok ? [] : [v.expect.reason])));
    // invalid-context is a programming error in the caller (a NaN clock), not something a list or a
    // policy can cause; it is covered in blocklist-verify.test.ts.
    expect(REASON_CODES.filter((code) => code !== 'invalid-context' && !seen.has(code))).toEqual([]);
  });

  it('covers the cases issue #3 asks for', () => {
    const names = new Set(vectors.map((v) => v.name));
    const required = [
      'valid',
      'payload-byte-flipped',
      'payload-type-changed',
      'unpinned-key-with-pinned-keyid',
      'duplicate-signature-threshold-2',
      'relabelled-keyid-threshold-2',
      'older-serial',
      'same-serial-different-bytes',
      'expired',
      'issued-in-future',
      'too-large',
      'truncated-json',
      'signature-63-bytes',
      'base64-invalid-character',
      'base64-url-safe-signature',
      'base64-url-safe-payload',
      'signature-s-plus-l',
      'config-small-order-key',
      'unknown-field',
      'wrong-list-id',
      'domain-uppercase',
      'domain-wildcard',
      'domain-empty',
      'domain-scheme',
      'domain-ipv4',
      'domain-public-suffix',
      'domain-public-suffix-tld',
      'blocks-own-host',
    ];
    expect(required.filter((n) => !names.has(n))).toEqual([]);
  });
});

describe('docs/blocklist-format.md', () => {
  const doc = readFileSync(join(VECTORS_DIR, '..', '..', 'docs', 'blocklist-format.md'), 'utf8');
  const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

  it('shows the `valid` vector as its signed example, byte for byte', () => {
    const valid = vectors.find((v) => v.name === 'valid');
    expect(jsonBlocks).toContain(valid?.envelope);
  });

  it('shows examples/blocklist.json as its unsigned example', () => {
    const example: unknown = JSON.parse(readFileSync(join(VECTORS_DIR, '..', '..', 'examples', 'blocklist.json'), 'utf8'));
    expect(jsonBlocks.some((block) => block.includes('"catalogue"') && JSON.stringify(JSON.parse(block)) === JSON.stringify(example))).toBe(true);
  });
});
