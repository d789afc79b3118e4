/**
 * Signs arbitrary payloads for tests, including ones `cordon sign` would refuse to produce (an invalid
 * domain, an expired window), so the verifier in the browser can be shown refusing them.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { encodeBase64 } from '../../src/core/blocklist/base64.ts';
import { pae, PAYLOAD_TYPE, serializeEnvelope } from '../../src/core/blocklist/dsse.ts';
import { keyIdOf } from '../../src/core/blocklist/keys.ts';

export interface TestSigner {
  /** The public key as the policy pins it: base64 of the raw 32 bytes. */
  readonly publicKey: string;
  readonly keyId: string;
  sign(payload: unknown): string;
}

export async function newSigner(): Promise<TestSigner> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  const keyId = await keyIdOf(raw);
  return { publicKey: encodeBase64(raw), keyId, sign: (payload) => signPayload(payload, privateKey, keyId) };
}

function signPayload(payload: unknown, key: KeyObject, keyid: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const sig = new Uint8Array(sign(null, pae(PAYLOAD_TYPE, bytes), key));
  return serializeEnvelope(PAYLOAD_TYPE, bytes, [{ keyid, sig }]);
}

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface ListApp {
  readonly id: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly hosts?: readonly string[];
  readonly reason?: string;
  readonly mode?: 'block' | 'warn';
  readonly enforceFrom?: string;
  readonly allow?: readonly string[];
  readonly allowMinutes?: number;
  readonly justification?: 'none' | 'optional' | 'required';
  readonly alternative?: string;
}

/** A payload valid now, for list `listId` at `serial`; `overrides` replace any top-level field. */
export function listPayload(listId: string, serial: number, apps: readonly ListApp[], overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    schema: 1,
    listId,
    serial,
    issuedAt: iso(now - 60_000),
    expiresAt: iso(now + 30 * DAY),
    issuer: 'Acme Corp Information Security',
    contact: 'mailto:security@acme.example',
    apps: apps.map((app) => ({
      id: app.id,
      name: app.name,
      domains: app.domains,
      ...(app.hosts ? { hosts: app.hosts } : {}),
      mode: app.mode ?? 'block',
      ...(app.enforceFrom ? { enforceFrom: app.enforceFrom } : {}),
      reason: app.reason ?? `${app.name} is not approved for work devices.`,
      since: '2026-01-15',
      ...(app.allow ? { allow: app.allow } : {}),
      ...(app.allowMinutes === undefined ? {} : { allowMinutes: app.allowMinutes }),
      ...(app.justification === undefined ? {} : { justification: app.justification }),
      ...(app.alternative === undefined ? {} : { alternative: app.alternative }),
    })),
    changes: [{ serial, date: iso(now).slice(0, 10), summary: `List serial ${serial}.` }],
    ...overrides,
  };
}

export { iso, DAY };
