import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contextFromJson,
  effectiveMode,
  isExpired,
  MAX_ENVELOPE_BYTES,
  REASONS,
  sha256Hex,
  verifyBlocklist,
  type VerifyContext,
} from '../../src/core/blocklist/index.ts';
import { defined, envelopeBytes, loadVectors, vectorNamed, VECTORS_DIR } from '../vectors/vectors.ts';

const vectors = loadVectors();
const vector = (name: string) => vectorNamed(vectors, name);
const valid = vector('valid');
const ctx = (over: Partial<VerifyContext> = {}): VerifyContext => ({ ...contextFromJson(valid.context), ...over });

describe('verifyBlocklist', () => {
  it('returns the list parsed from exactly the verified bytes, with their hash and the signer', async () => {
    const r = await verifyBlocklist(envelopeBytes(valid), ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const envelope = JSON.parse(defined(valid.envelope)) as { payload: string };
    expect(Buffer.from(r.payloadBytes).toString('base64')).toBe(envelope.payload);
    expect(r.payloadSha256).toBe(await sha256Hex(r.payloadBytes));
    expect(JSON.parse(Buffer.from(r.payloadBytes).toString('utf8'))).toEqual(r.list);
    const keyA = readFileSync(join(VECTORS_DIR, 'keys/signer-a.pub'), 'utf8').trim();
    expect(r.signers).toHaveLength(1);
    const alone = await verifyBlocklist(envelopeBytes(valid), ctx({ trustedKeys: [keyA] }));
    expect(alone.ok && alone.signers).toEqual(r.signers);
  });

  it('accepts an envelope of exactly the size cap and refuses one byte more', async () => {
    const text = defined(valid.envelope);
    const pad = (total: number) => new TextEncoder().encode(`${text.slice(0, -2)}${' '.repeat(total - text.length)}}\n`);
    expect((await verifyBlocklist(pad(MAX_ENVELOPE_BYTES), ctx())).ok).toBe(true);
    const over = await verifyBlocklist(pad(MAX_ENVELOPE_BYTES + 1), ctx());
    expect(over.ok ? 'ok' : over.reason).toBe('too-large');
  });

  it('refuses an invalid clock rather than guessing', async () => {
    const r = await verifyBlocklist(envelopeBytes(valid), ctx({ now: new Date(Number.NaN) }));
    expect(r.ok ? 'ok' : r.reason).toBe('invalid-context');
  });

  it('refuses a malformed lastAccepted record', async () => {
    const r = await verifyBlocklist(envelopeBytes(valid), ctx({ lastAccepted: { serial: 6, payloadSha256: 'not-hex' } }));
    expect(r.ok ? 'ok' : r.reason).toBe('invalid-context');
  });

  it('names the offending field in the message and the detail', async () => {
    const r = await verifyBlocklist(envelopeBytes(vector('domain-wildcard')), contextFromJson(vector('domain-wildcard').context));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.startsWith(REASONS['invalid-domain'])).toBe(true);
    expect(r.message).toContain('apps[0].domains[4]: "*.tiktok.com" contains a wildcard');
    expect(r.detail).toEqual({ path: 'apps[0].domains[4]', domainError: 'wildcard' });
  });

  it('flags a same-serial conflict with both serials, for the alarm', async () => {
    const v = vector('same-serial-different-bytes');
    const r = await verifyBlocklist(envelopeBytes(v), contextFromJson(v.context));
    expect(r.ok ? undefined : r.detail).toEqual({ serial: 7, lastSerial: 7 });
  });

  it('checks in the documented order: payload type before signatures, expiry before serial', async () => {
    const typeAndSig = JSON.parse(defined(valid.envelope)) as Record<string, unknown>;
    typeAndSig.payloadType = 'text/plain';
    typeAndSig.payload = Buffer.from('tampered').toString('base64');
    const r1 = await verifyBlocklist(new TextEncoder().encode(JSON.stringify(typeAndSig)), ctx());
    expect(r1.ok ? 'ok' : r1.reason).toBe('wrong-payload-type');

    const expired = vector('expired');
    const r2 = await verifyBlocklist(envelopeBytes(expired), {
      ...contextFromJson(expired.context),
      lastAccepted: { serial: 99, payloadSha256: '0'.repeat(64) },
    });
    expect(r2.ok ? 'ok' : r2.reason).toBe('expired');
  });
});

describe('freshness helpers', () => {
  it('isExpired is true from expiresAt on', () => {
    const list = { expiresAt: '2026-07-01T00:00:00Z' };
    expect(isExpired(list, new Date('2026-06-30T23:59:59Z'))).toBe(false);
    expect(isExpired(list, new Date('2026-07-01T00:00:00Z'))).toBe(true);
  });

  it('effectiveMode warns until enforceFrom, then blocks', () => {
    const app = { mode: 'block' as const, enforceFrom: '2026-07-01' };
    expect(effectiveMode(app, new Date('2026-06-30T23:59:59Z'))).toBe('warn');
    expect(effectiveMode(app, new Date('2026-07-01T00:00:00Z'))).toBe('block');
    expect(effectiveMode({ mode: 'warn' }, new Date('2030-01-01T00:00:00Z'))).toBe('warn');
    expect(effectiveMode({ mode: 'block' }, new Date('2020-01-01T00:00:00Z'))).toBe('block');
  });
});
