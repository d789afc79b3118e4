import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase64, pae } from '../../src/core/blocklist/index.ts';
import { defined, VECTORS_DIR } from '../vectors/vectors.ts';

interface PaeVector {
  description: string;
  payloadType: string;
  payloadBase64: string;
  pae: string;
  envelope?: { payload: string; payloadType: string; signatures: { sig: string }[] };
  key?: { x: string; y: string };
}

const { vectors } = JSON.parse(readFileSync(join(VECTORS_DIR, 'pae.json'), 'utf8')) as { vectors: PaeVector[] };

function bytes(b64: string): Uint8Array<ArrayBuffer> {
  const r = decodeBase64(b64);
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

/** A decimal integer as the 32-byte big-endian base64url a JWK wants. */
function jwkCoordinate(decimal: string): string {
  const hex = BigInt(decimal).toString(16).padStart(64, '0');
  return Buffer.from(hex, 'hex').toString('base64url');
}

describe('PAE', () => {
  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_d, v) => {
    expect(new TextDecoder().decode(pae(v.payloadType, bytes(v.payloadBase64)))).toBe(v.pae);
  });

  it("matches DSSE's published vector byte for byte: its ECDSA P-256 signature verifies over our PAE", async () => {
    const v = defined(vectors[0]);
    const key = defined(v.key);
    const envelope = defined(v.envelope);
    expect(v.pae).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwkCoordinate(key.x), y: jwkCoordinate(key.y) },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const message = pae(envelope.payloadType, bytes(envelope.payload));
    const sig = bytes(defined(envelope.signatures[0]).sig);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, message)).toBe(true);
    // And not over a near miss, so the check above means something.
    const wrong = pae(envelope.payloadType, new TextEncoder().encode('hello world!'));
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, wrong)).toBe(false);
  });
});
