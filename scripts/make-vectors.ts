/**
 * Generates the committed verification test vectors (test/vectors/) from fixed TEST-ONLY keys and a
 * fixed clock. Ed25519 signatures are deterministic, so a re-run reproduces every file byte for byte;
 * test/unit/blocklist-vectors.test.ts checks that the committed files match this script's output.
 *
 *   npx tsx scripts/make-vectors.ts
 */
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  decodeBase64,
  encodeBase64,
  keyIdOf,
  pae,
  PAYLOAD_TYPE,
  sha256Hex,
  utf8,
  MAX_ENVELOPE_BYTES,
  MAX_DOMAINS_PER_LIST,
  MAX_SIGNATURES,
  type ReasonCode,
  type VerifyContextJson,
} from '../src/core/blocklist/index.ts';
import type { Expectation, OverrideVector, TestVector } from '../test/vectors/vectors.ts';
import { formatOverrideCode, overrideHeader, overrideSigningBytes } from '../src/core/override-code.ts';
import { installNodeSuffixRules } from '../src/cli/suffix-rules.ts';

// The Public Suffix List for src/core's domain checks (core/public-suffix.ts).
installNodeSuffixRules();

const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'vectors');

export const NOW = '2026-06-01T12:00:00Z';
export const LIST_ID = 'acme-work-browsers';
export const LIST_HOST = 'lists.acme-corp.com';

// ---------------------------------------------------------------------------------------------------
// Keys: derived from fixed labels, so anyone can regenerate them. They protect nothing: TEST ONLY.

interface TestKey {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly pub: string;
  readonly keyId: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

async function testKey(name: string): Promise<TestKey> {
  const seed = createHash('sha256').update(`cordon TEST-ONLY vector key ${name}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const raw = new Uint8Array(spki.subarray(spki.length - 32));
  return { name, privateKey, pub: encodeBase64(raw), keyId: await keyIdOf(raw) };
}

// ---------------------------------------------------------------------------------------------------
// Building blocks.

type Payload = Record<string, unknown>;

export function basePayload(): Payload {
  return {
    schema: 1,
    listId: LIST_ID,
    serial: 7,
    issuedAt: '2026-06-01T00:00:00Z',
    expiresAt: '2026-07-01T00:00:00Z',
    issuer: 'Acme Corp Information Security',
    contact: 'mailto:security@acme-corp.com',
    apps: [
      {
        id: 'tiktok',
        name: 'TikTok',
        domains: ['tiktok.com', 'tiktokv.com', 'tiktokcdn.com', 'musical.ly'],
        hosts: ['p16-tiktok-va.ibyteimg.com'],
        mode: 'block',
        reason: 'TikTok is not allowed on Acme work devices (data-protection review DPR-2025-014).',
        since: '2025-03-01',
        allow: ['developers.tiktok.com'],
      },
      {
        id: 'chatapp',
        name: 'ChatApp',
        domains: ['chatapp.example'],
        mode: 'block',
        enforceFrom: '2026-07-01',
        reason: 'Customer data may only be discussed in approved tools.',
        since: '2026-06-01',
      },
    ],
    changes: [
      { serial: 7, date: '2026-06-01', summary: 'ChatApp: warning now, blocked from 2026-07-01.' },
      { serial: 6, date: '2025-03-01', summary: 'TikTok blocked.' },
    ],
  };
}

const bytesOf = (payload: Payload): Uint8Array => utf8(JSON.stringify(payload));

function signWith(key: TestKey, payloadBytes: Uint8Array, payloadType: string = PAYLOAD_TYPE): Uint8Array {
  return new Uint8Array(nodeSign(null, pae(payloadType, payloadBytes), key.privateKey));
}

interface Sig {
  keyid?: string;
  sig: string;
  [extra: string]: unknown;
}

interface EnvelopeParts {
  payloadType?: string;
  payload: string;
  signatures: Sig[];
  [extra: string]: unknown;
}

function firstOf<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('empty list');
  return item;
}

function parts(payloadBytes: Uint8Array, signers: readonly TestKey[], payloadType: string = PAYLOAD_TYPE): EnvelopeParts {
  return {
    payloadType,
    payload: encodeBase64(payloadBytes),
    signatures: signers.map((k) => ({ keyid: k.keyId, sig: encodeBase64(signWith(k, payloadBytes, payloadType)) })),
  };
}

const text = (env: EnvelopeParts): string => `${JSON.stringify(env, null, 2)}\n`;

/** The first signature's bytes, changed by `edit`, re-encoded. */
function editSig(env: EnvelopeParts, edit: (sig: Uint8Array) => Uint8Array): EnvelopeParts {
  const first = firstOf(env.signatures);
  const decoded = decodeBase64(first.sig);
  if (!decoded.ok) throw new Error('unreachable');
  return { ...env, signatures: [{ ...first, sig: encodeBase64(edit(decoded.bytes)) }, ...env.signatures.slice(1)] };
}

/** The group order L, for the S + L malleability vector. */
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
function addLToS(sig: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i] ?? 0);
  s += L;
  const out = new Uint8Array(sig);
  for (let i = 0; i < 32; i++) {
    out[32 + i] = Number(s & 0xffn);
    s >>= 8n;
  }
  if (s !== 0n) throw new Error('S + L overflowed 32 bytes');
  return out;
}

/** The identity point: of order 1, and accepted as a public key by Node 20's WebCrypto. */
const IDENTITY = encodeBase64(Uint8Array.from([1, ...new Array<number>(31).fill(0)]));
/** R = identity, S = 0: "verifies" under the identity key for every message in lax engines. */
const IDENTITY_FORGERY = Uint8Array.from([1, ...new Array<number>(63).fill(0)]);
/** y = p + 2: a non-canonical encoding (y >= p) that is not in the small-order list. */
const NON_CANONICAL_KEY = encodeBase64(Uint8Array.from([0xef, ...new Array<number>(30).fill(0xff), 0x7f]));

// ---------------------------------------------------------------------------------------------------

export async function buildVectors(): Promise<TestVector[]> {
  const a = await testKey('signer-a');
  const b = await testKey('signer-b');
  const outsider = await testKey('outsider');

  const ctx = (over: Partial<VerifyContextJson> = {}): VerifyContextJson => ({
    trustedKeys: [a.pub, b.pub],
    threshold: 1,
    expectedListId: LIST_ID,
    listHost: LIST_HOST,
    now: NOW,
    ...over,
  });
  const vectors: TestVector[] = [];
  const ok = (signers: readonly TestKey[], status: 'new' | 'unchanged' = 'new'): Expectation => ({
    ok: true,
    status,
    signers: signers.map((k) => k.keyId),
  });
  const fails = (reason: ReasonCode): Expectation => ({ ok: false, reason });
  const add = (name: string, description: string, envelope: string, expect: Expectation, context: VerifyContextJson = ctx()): void => {
    vectors.push({ name, description, envelope, context, expect });
  };
  /** A payload edited by `edit`, correctly signed by A: isolates the payload checks. */
  const signedPayload = (edit: (p: Payload) => void): string => {
    const p = basePayload();
    edit(p);
    return text(parts(bytesOf(p), [a]));
  };
  const app0 = (p: Payload): Record<string, unknown> => firstOf(p.apps as Record<string, unknown>[]);

  const base = bytesOf(basePayload());
  const valid = parts(base, [a]);
  const validText = text(valid);
  const sigA = firstOf(valid.signatures);
  const baseSha = await sha256Hex(base);

  // --- Accepted -----------------------------------------------------------------------------------
  add('valid', 'A well-formed list signed by pinned key A.', validText, ok([a]));
  add('valid-threshold-2', 'Signed by both pinned keys, threshold 2.', text(parts(base, [a, b])), ok([a, b]), ctx({ threshold: 2 }));
  add('valid-no-keyid', 'DSSE makes keyid optional; a signature without one is still checked against every pinned key.',
    text({ ...valid, signatures: [{ sig: sigA.sig }] }), ok([a]));
  add('valid-misleading-keyid', "Signed by A but labelled with B's keyid: the keyid is a hint, never a decision.",
    text({ ...valid, signatures: [{ keyid: b.keyId, sig: sigA.sig }] }), ok([a]));
  add('valid-extra-unpinned-signature', 'A valid signature by A plus one by an unpinned key, which is skipped.',
    text(parts(base, [outsider, a])), ok([a]));
  add('valid-unchanged', 'Same serial and same payload bytes as the last accepted list: a no-op.', validText, ok([a], 'unchanged'),
    ctx({ lastAccepted: { serial: 7, payloadSha256: baseSha } }));
  add('valid-newer-serial', 'Serial 7 after an accepted serial 6.', validText, ok([a]),
    ctx({ lastAccepted: { serial: 6, payloadSha256: '0'.repeat(64) } }));
  add('valid-issued-within-skew', 'Issued 4 minutes in the future: within the 5-minute clock skew.',
    signedPayload((p) => { p.issuedAt = '2026-06-01T12:04:00Z'; }), ok([a]));
  add('valid-own-host-allowed', "The list is served from a host an app's allow list keeps reachable.", validText, ok([a]),
    ctx({ listHost: 'developers.tiktok.com' }));
  add('valid-no-context-checks', 'Without expectedListId, listHost or lastAccepted those checks are skipped.', validText, ok([a]),
    { trustedKeys: [a.pub], threshold: 1, now: NOW });

  // --- The verifier's configuration ---------------------------------------------------------------
  add('config-small-order-key', 'The identity point pinned as a key, with the R = identity, S = 0 "signature" that Node 20 verifies under it.',
    text({ ...valid, signatures: [{ sig: encodeBase64(IDENTITY_FORGERY) }] }), fails('invalid-trusted-key'), ctx({ trustedKeys: [IDENTITY] }));
  add('config-small-order-key-beside-good-key', 'One bad pinned key spoils the configuration: it is reported, not silently skipped.',
    validText, fails('invalid-trusted-key'), ctx({ trustedKeys: [a.pub, IDENTITY] }));
  add('config-non-canonical-key', 'A pinned key whose y coordinate is >= p.', validText, fails('invalid-trusted-key'),
    ctx({ trustedKeys: [a.pub, NON_CANONICAL_KEY] }));
  add('config-key-wrong-length', 'A pinned key of 31 bytes.', validText, fails('invalid-trusted-key'),
    ctx({ trustedKeys: [encodeBase64(new Uint8Array(31).fill(7))] }));
  add('config-duplicate-pinned-key-threshold-2', 'The same key pinned twice is one signer: a threshold of 2 can never be met.',
    text(parts(base, [a, a])), fails('invalid-threshold'), ctx({ trustedKeys: [a.pub, a.pub], threshold: 2 }));
  add('config-threshold-zero', 'A threshold of 0 would accept unsigned lists.', validText, fails('invalid-threshold'), ctx({ threshold: 0 }));

  // --- Size and encoding ----------------------------------------------------------------------------
  const padded = `${validText.slice(0, -2)}${' '.repeat(MAX_ENVELOPE_BYTES + 1 - validText.length)}}\n`;
  add('too-large', 'A valid envelope padded with JSON whitespace to one byte over 1 MiB.', padded, fails('too-large'));
  add('truncated-json', 'The envelope cut off mid-way.', validText.slice(0, Math.floor(validText.length / 2)), fails('malformed-json'));
  add('trailing-data', 'A second document after the envelope.', `${validText}{}`, fails('malformed-json'));
  add('byte-order-mark', 'A UTF-8 BOM before the envelope.', `\ufeff${validText}`, fails('malformed-json'));
  add('duplicate-envelope-key', 'Two "payload" keys: JSON.parse would silently take the last.',
    validText.replace('"payloadType"', `"payload": "${encodeBase64(utf8('{}'))}",\n  "payloadType"`), fails('malformed-json'));
  vectors.push({
    name: 'invalid-utf8',
    description: 'A byte that is not UTF-8 inside the envelope.',
    envelopeBase64: encodeBase64(Uint8Array.from([...utf8(validText.slice(0, 10)), 0xff, ...utf8(validText.slice(10))])),
    context: ctx(),
    expect: fails('malformed-json'),
  });
  add('envelope-not-object', 'A JSON array instead of an envelope.', '[]\n', fails('malformed-envelope'));
  add('envelope-extra-field', 'An unknown envelope field.', text({ ...valid, note: 'x' }), fails('malformed-envelope'));
  add('envelope-no-signatures', 'An empty signatures list.', text({ ...valid, signatures: [] }), fails('malformed-envelope'));
  add('envelope-missing-payload-type', 'No payloadType.', text({ payload: valid.payload, signatures: valid.signatures }), fails('malformed-envelope'));
  add('signature-extra-field', 'A signature object with an unknown field.',
    text({ ...valid, signatures: [{ ...sigA, cert: 'x' }] }), fails('malformed-envelope'));
  add('too-many-signatures', `${MAX_SIGNATURES + 1} signatures.`,
    text({ ...valid, signatures: new Array(MAX_SIGNATURES + 1).fill(sigA) }), fails('too-many-signatures'));

  const urlSafe = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_');
  if (!/[+/]/.test(sigA.sig)) throw new Error('pick a payload whose signature has + or /');
  add('base64-invalid-character', 'A "!" inside the payload base64.', text({ ...valid, payload: `!${valid.payload.slice(1)}` }), fails('bad-base64'));
  add('base64-url-safe-signature', 'The signature in the URL-safe alphabet (DSSE allows it; Cordon does not).',
    text({ ...valid, signatures: [{ ...sigA, sig: urlSafe(sigA.sig) }] }), fails('bad-base64'));
  const payloadWithSlash = ((): Uint8Array => {
    // Find an issuer spelling whose payload base64 has + or / and whose length is not a multiple of 3.
    for (let n = 0; n < 200; n++) {
      const p = basePayload();
      p.issuer = `Acme Corp ~${'~'.repeat(n)} Information Security`;
      const bytes = bytesOf(p);
      if (/[+/]/.test(encodeBase64(bytes)) && bytes.length % 3 !== 0) return bytes;
    }
    throw new Error('no suitable payload');
  })();
  const slashEnv = parts(payloadWithSlash, [a]);
  add('base64-url-safe-payload', 'The payload in the URL-safe alphabet.', text({ ...slashEnv, payload: urlSafe(slashEnv.payload) }), fails('bad-base64'));
  add('base64-missing-padding', 'The payload base64 without its "=" padding.', text({ ...slashEnv, payload: slashEnv.payload.replace(/=+$/, '') }), fails('bad-base64'));
  add('base64-whitespace', 'A line break inside the payload base64 (MIME style).',
    text({ ...valid, payload: `${valid.payload.slice(0, 76)}\n${valid.payload.slice(76)}` }), fails('bad-base64'));
  const sigText = sigA.sig;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lastSigChar = ALPHABET.indexOf(sigText.charAt(sigText.length - 3));
  add('base64-non-canonical-bits', 'The signature base64 with non-zero bits after the last byte (decodes to the same 64 bytes).',
    text({ ...valid, signatures: [{ ...sigA, sig: `${sigText.slice(0, -3)}${ALPHABET.charAt(lastSigChar | 1)}==` }] }),
    fails('bad-base64'));

  // --- Payload type ---------------------------------------------------------------------------------
  add('payload-type-changed', 'payloadType edited after signing.', text({ ...valid, payloadType: 'application/json' }), fails('wrong-payload-type'));
  add('payload-type-other-signed', 'A correctly signed envelope of another type: the type is checked before the signatures.',
    text(parts(base, [a], 'application/vnd.in-toto+json')), fails('wrong-payload-type'));
  add('payload-type-case', 'payloadType differing only in case.', text(parts(base, [a], PAYLOAD_TYPE.toUpperCase())), fails('wrong-payload-type'));

  // --- Signatures -----------------------------------------------------------------------------------
  add('signature-63-bytes', 'A signature one byte short.', text(editSig(valid, (s) => s.subarray(0, 63))), fails('signature-length'));
  add('signature-65-bytes', 'A signature one byte long.', text(editSig(valid, (s) => Uint8Array.from([...s, 0]))), fails('signature-length'));
  add('signature-s-plus-l', "A's valid signature with L added to S: the same point equation, a different encoding.",
    text(editSig(valid, addLToS)), fails('signature-s-out-of-range'));
  add('signature-small-order-r', 'A signature whose R is the identity point.',
    text({ ...valid, signatures: [{ keyid: a.keyId, sig: encodeBase64(IDENTITY_FORGERY) }] }), fails('signature-small-order-r'));
  const flipped = new Uint8Array(base);
  const at = new TextDecoder().decode(base).indexOf('Acme Corp');
  flipped[at + 3] = (flipped[at + 3] ?? 0) ^ 0x01;
  add('payload-byte-flipped', 'One payload byte changed ("Acme" to "Acmd") after signing.', text({ ...valid, payload: encodeBase64(flipped) }), fails('no-valid-signature'));
  add('unpinned-key-with-pinned-keyid', "Signed by an unpinned key that claims pinned key A's keyid.",
    text({ ...parts(base, [outsider]), signatures: [{ keyid: a.keyId, sig: encodeBase64(signWith(outsider, base)) }] }), fails('no-valid-signature'));
  add('signature-without-pae', 'Signed over the raw payload bytes instead of PAE(payloadType, payload).',
    text({ ...valid, signatures: [{ keyid: a.keyId, sig: encodeBase64(new Uint8Array(nodeSign(null, base, a.privateKey))) }] }),
    fails('no-valid-signature'));
  add('signature-by-pinned-key-for-other-list', "A's signature taken from another payload.",
    text({ ...valid, signatures: parts(bytesOf({ ...basePayload(), serial: 8 }), [a]).signatures }), fails('no-valid-signature'));
  add('duplicate-signature-threshold-2', "A's signature twice, threshold 2: one key counts once.",
    text({ ...valid, signatures: [sigA, sigA] }), fails('threshold-not-met'), ctx({ threshold: 2 }));
  add('relabelled-keyid-threshold-2', "A's signature twice, once labelled with A's keyid and once with B's, threshold 2.",
    text({ ...valid, signatures: [sigA, { keyid: b.keyId, sig: sigA.sig }] }), fails('threshold-not-met'),
    ctx({ threshold: 2 }));
  add('one-pinned-one-unpinned-threshold-2', 'Signed by A and an unpinned key, threshold 2.', text(parts(base, [a, outsider])),
    fails('threshold-not-met'), ctx({ threshold: 2 }));

  // --- The signed payload ---------------------------------------------------------------------------
  const signedRaw = (raw: string): string => text(parts(utf8(raw), [a]));
  add('payload-not-json', 'A correctly signed payload that is not JSON.', signedRaw('schema: 1\n'), fails('payload-not-json'));
  add('payload-duplicate-key', 'A signed payload with "serial" twice.', signedRaw(JSON.stringify(basePayload()).replace('"serial":7', '"serial":7,"serial":999')),
    fails('payload-not-json'));
  add('payload-lone-surrogate', 'A signed payload with an unpaired surrogate escape.',
    signedRaw(JSON.stringify(basePayload()).replace('"Acme Corp Information Security"', '"Acme \\ud800"')), fails('payload-not-json'));
  add('unknown-field', 'An unknown top-level payload field.', signedPayload((p) => { p.exemptions = ['tiktok.com']; }), fails('unknown-field'));
  // Scoped exceptions (issue #15).
  const exception = { app: 'tiktok', groups: ['marketing'], until: '2026-06-15T17:00:00Z', reason: 'Brand account run by Marketing (ticket SEC-2291).' };
  add('exceptions-valid', 'An exception for the marketing group until 15 June.', signedPayload((p) => { p.exceptions = [exception]; }), ok([a]));
  add('exception-unknown-app', 'An exception for an app the list does not name.', signedPayload((p) => { p.exceptions = [{ ...exception, app: 'telegram' }]; }), fails('invalid-payload'));
  add('exception-until-before-issued', 'An exception that ends before the list was issued.', signedPayload((p) => { p.exceptions = [{ ...exception, until: '2026-05-31T23:59:59Z' }]; }), fails('invalid-payload'));
  add('exception-too-long', 'An exception ending more than 90 days after issuedAt.', signedPayload((p) => { p.exceptions = [{ ...exception, until: '2026-08-30T00:00:01Z' }]; }), fails('invalid-payload'));
  add('exception-bad-group', 'An exception naming a group no policy can set ("Marketing Team").', signedPayload((p) => { p.exceptions = [{ ...exception, groups: ['Marketing Team'] }]; }), fails('invalid-payload'));
  add('exception-no-until', 'An exception without an end.', signedPayload((p) => { const { until: _u, ...rest } = exception; p.exceptions = [rest]; }), fails('invalid-payload'));
  add('exception-unknown-field', 'An exception with a field this version does not know.', signedPayload((p) => { p.exceptions = [{ ...exception, hosts: ['tiktok.com'] }]; }), fails('unknown-field'));
  add('unknown-app-field', 'An unknown field in an app.', signedPayload((p) => { app0(p).regex = '.*'; }), fails('unknown-field'));
  add('unsupported-schema', 'Schema version 2.', signedPayload((p) => { p.schema = 2; }), fails('unsupported-schema'));
  add('invalid-contact-http', 'A plain-http contact URL.', signedPayload((p) => { p.contact = 'http://acme-corp.com/it'; }), fails('invalid-payload'));
  add('invalid-contact-javascript', 'A javascript: contact URL.', signedPayload((p) => { p.contact = 'javascript:alert(1)'; }), fails('invalid-payload'));
  add('invalid-mode', 'An app mode that does not exist.', signedPayload((p) => { app0(p).mode = 'allow'; }), fails('invalid-payload'));
  add('invalid-date-offset', 'issuedAt with a +00:00 offset instead of Z.', signedPayload((p) => { p.issuedAt = '2026-06-01T00:00:00+00:00'; }),
    fails('invalid-payload'));
  add('invalid-date-impossible', 'A since date of February 30th.', signedPayload((p) => { app0(p).since = '2025-02-30'; }), fails('invalid-payload'));
  add('invalid-serial-fraction', 'A serial of 7.5: numbers are whole numbers written in digits.', signedPayload((p) => { p.serial = 7.5; }), fails('payload-not-json'));
  // One value, one spelling: JSON.parse reads all three as whole numbers, so another parser could too.
  const serialSpelled = (name: string, spelling: string, description: string): void =>
    add(`serial-spelled-${name}`, description, signedRaw(JSON.stringify(basePayload()).replace('"serial":7,', `"serial":${spelling},`)), fails('payload-not-json'));
  serialSpelled('point-zero', '7.0', 'A serial written 7.0 (JSON.parse reads 7).');
  serialSpelled('exponent', '7e0', 'A serial written 7e0 (JSON.parse reads 7).');
  serialSpelled('rounded', '9007199254740990.9999', 'A serial written 9007199254740990.9999, which JSON.parse rounds to 2^53 - 1.');
  add('invalid-issuer-arabic-letter-mark', 'An issuer with U+061C ARABIC LETTER MARK, an invisible bidirectional mark.',
    signedPayload((p) => { p.issuer = 'Acme \u061cCorp'; }), fails('invalid-payload'));
  add('invalid-issuer-bidi', 'An issuer with a right-to-left override character.', signedPayload((p) => { p.issuer = 'Acme \u202eytiruceS'; }),
    fails('invalid-payload'));
  add('invalid-app-id', 'An app id with uppercase letters.', signedPayload((p) => { app0(p).id = 'TikTok'; }), fails('invalid-payload'));
  add('invalid-enforce-from-with-warn', 'enforceFrom on an app in warn mode.', signedPayload((p) => { app0(p).mode = 'warn'; app0(p).enforceFrom = '2026-07-01'; }),
    fails('invalid-payload'));
  add('too-many-domains', `${MAX_DOMAINS_PER_LIST + 1} domains in one list.`,
    // One over the limit in total (the other apps, hosts and allow entries count too), each a valid domain.
    signedPayload((p) => { app0(p).domains = Array.from({ length: MAX_DOMAINS_PER_LIST + 1 - 3 }, (_, i) => `${i.toString(36)}.xy`); }),
    fails('too-many-domains'));
  add('validity-too-long', 'Valid for 91 days.', signedPayload((p) => { p.expiresAt = '2026-08-31T00:00:00Z'; }), fails('validity-too-long'));
  add('validity-inverted', 'Expires before it is issued.', signedPayload((p) => { p.expiresAt = '2026-05-31T00:00:00Z'; }), fails('validity-too-long'));

  // --- Identity and freshness -----------------------------------------------------------------------
  add('wrong-list-id', 'A valid list for another list id (another department, another customer).',
    signedPayload((p) => { p.listId = 'acme-contractors'; }), fails('wrong-list-id'));
  add('issued-in-future', 'Issued 6 minutes in the future: beyond the 5-minute skew.',
    signedPayload((p) => { p.issuedAt = '2026-06-01T12:06:00Z'; p.expiresAt = '2026-07-01T12:06:00Z'; }), fails('issued-in-future'));
  add('expired', 'Expired an hour before now.', signedPayload((p) => { p.issuedAt = '2026-05-01T11:00:00Z'; p.expiresAt = '2026-06-01T11:00:00Z'; }),
    fails('expired'));
  add('expired-exactly-now', 'expiresAt equal to now.', signedPayload((p) => { p.issuedAt = '2026-05-01T12:00:00Z'; p.expiresAt = NOW; }), fails('expired'));
  add('older-serial', 'Serial 7 after serial 8 was accepted: a replay of an older list.', validText, fails('serial-rollback'),
    ctx({ lastAccepted: { serial: 8, payloadSha256: '0'.repeat(64) } }));
  add('same-serial-different-bytes', 'Serial 7 again, with different content: a signing key may be compromised.', validText, fails('serial-conflict'),
    ctx({ lastAccepted: { serial: 7, payloadSha256: 'f'.repeat(64) } }));

  // --- Domains --------------------------------------------------------------------------------------
  const badDomain = (name: string, value: string, description: string, field: 'domains' | 'hosts' | 'allow' = 'domains'): void => {
    add(`domain-${name}`, description, signedPayload((p) => {
      const app = app0(p);
      app[field] = [...((app[field] as string[] | undefined) ?? []), value];
    }), fails('invalid-domain'));
  };
  badDomain('uppercase', 'TikTok.com', 'An uppercase domain: the browser would match it, but a signed list carries the canonical form.');
  badDomain('wildcard', '*.tiktok.com', 'A wildcard, which DNR accepts and never matches.');
  badDomain('empty', '', 'An empty domain.');
  badDomain('scheme', 'https://tiktok.com', 'A URL instead of a host.');
  badDomain('ipv4', '192.0.2.1', 'An IPv4 address.');
  badDomain('ipv6', '[2001:db8::1]', 'An IPv6 address.');
  badDomain('public-suffix-tld', 'com', 'A bare top-level domain.');
  badDomain('public-suffix', 'co.uk', 'A bare public suffix.');
  badDomain('private-suffix', 'github.io', 'A public suffix from the private section (every GitHub Pages site).');
  badDomain('trailing-dot', 'tiktok.com.', 'A fully-qualified name with a trailing dot.');
  badDomain('port', 'tiktok.com:443', 'A host with a port.');
  badDomain('unicode', 'tiktök.com', 'An IDN not in punycode.');
  badDomain('host-wildcard', '*.ibyteimg.com', 'A wildcard in hosts.', 'hosts');
  badDomain('allow-scheme', 'https://developers.tiktok.com', 'A URL in allow.', 'allow');
  badDomain('allow-outside-app', 'www.acme-corp.com', "An allowed host outside the app's domains (it would outrank other apps' rules).", 'allow');
  add('blocks-own-host', 'The list is served from a host the list itself blocks.', validText, fails('blocks-own-host'),
    ctx({ listHost: 'lists.tiktok.com' }));
  add('blocks-own-host-trailing-dot', 'The list host written with a trailing dot, which the browser strips before matching.', validText,
    fails('blocks-own-host'), ctx({ listHost: 'lists.tiktok.com.' }));

  // --- Names across apps ----------------------------------------------------------------------------
  // basePayload's tiktok app blocks tiktok.com (among others) and allows developers.tiktok.com.
  const otherApp = (app: Record<string, unknown>) => signedPayload((p) => { (p.apps as unknown[]).push({ mode: 'block', reason: 'Not approved.', since: '2026-06-01', ...app }); });
  add('name-in-two-apps', 'tiktok.com blocked by two apps: a name appears once in a list.',
    otherApp({ id: 'tiktok-2', name: 'TikTok again', domains: ['tiktok.com'] }), fails('name-conflict'));
  add('allow-at-other-apps-name', "TikTok's allowed developers.tiktok.com is a name another app blocks: the allow rule would lift that block.",
    otherApp({ id: 'tiktok-dev', name: 'TikTok for Developers', domains: [], hosts: ['developers.tiktok.com'] }), fails('name-conflict'));
  add('allow-above-other-apps-name', "TikTok's allowed developers.tiktok.com is above a host another app blocks.",
    otherApp({ id: 'tiktok-api', name: 'TikTok API', domains: [], hosts: ['api.developers.tiktok.com'] }), fails('name-conflict'));
  add('allow-under-other-apps-name', "An app's allowed host lies under a domain another app blocks.",
    signedPayload((p) => {
      (p.apps as unknown[]).push(
        { id: 'shop', name: 'Shop', domains: ['shop.acme-corp.com'], mode: 'block', reason: 'Not approved.', since: '2026-06-01', allow: ['help.shop.acme-corp.com'] },
        { id: 'acme', name: 'Acme', domains: ['acme-corp.com'], mode: 'block', reason: 'Not approved.', since: '2026-06-01' },
      );
    }), fails('name-conflict'));

  return vectors;
}

/** PAE test vectors. The first is DSSE's own (protocol.md), with its published ECDSA P-256 signature. */
export function paeVectors(): unknown {
  return {
    source: 'https://github.com/secure-systems-lab/dsse/blob/master/protocol.md#test-vectors',
    vectors: [
      {
        description: "DSSE protocol.md's test vector",
        payloadType: 'http://example.com/HelloWorld',
        payloadBase64: encodeBase64(utf8('hello world')),
        pae: 'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
        envelope: {
          payload: 'aGVsbG8gd29ybGQ=',
          payloadType: 'http://example.com/HelloWorld',
          signatures: [{ sig: 'A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==' }],
        },
        key: {
          algorithm: 'ECDSA P-256, SHA-256, signature = r || s',
          x: '46950820868899156662930047687818585632848591499744589407958293238635476079160',
          y: '5640078356564379163099075877009565129882514886557779369047442380624545832820',
        },
      },
      {
        description: 'Lengths are UTF-8 byte counts (33), not characters (29)',
        payloadType: PAYLOAD_TYPE,
        payloadBase64: encodeBase64(utf8('{"issuer":"Société Générale"}')),
        pae: `DSSEv1 37 ${PAYLOAD_TYPE} 33 {"issuer":"Société Générale"}`,
      },
      {
        description: 'Empty type and body',
        payloadType: '',
        payloadBase64: '',
        pae: 'DSSEv1 0  0 ',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Break-glass override codes (core/override-code.ts): made with the same TEST-ONLY keys.

export const OVERRIDE_INSTALL_ID = '3f2b6c1e-8d4a-4f7e-9b1a-2c3d4e5f6a7b';
const OVERRIDE_ISSUED = Date.parse('2026-06-01T10:00:00Z') / 1000;

export async function buildOverrideVectors(): Promise<OverrideVector[]> {
  const a = await testKey('signer-a');
  const b = await testKey('signer-b');
  const outsider = await testKey('outsider');
  const code = (signers: readonly TestKey[], over: { installId?: string; app?: string; issuedAt?: number; minutes?: number; reason?: string } = {}): string => {
    const installId = over.installId ?? OVERRIDE_INSTALL_ID;
    const header = overrideHeader({ installId, app: over.app ?? 'tiktok', issuedAt: over.issuedAt ?? OVERRIDE_ISSUED, minutes: over.minutes ?? 240, ...(over.reason === undefined ? {} : { reason: over.reason }) });
    const message = overrideSigningBytes(header, installId);
    return formatOverrideCode(header, signers.map((k) => new Uint8Array(nodeSign(null, message, k.privateKey))));
  };
  const context = { installId: OVERRIDE_INSTALL_ID, appId: 'tiktok', trustedKeys: [a.pub, b.pub], threshold: 1, now: NOW };
  const vectors: OverrideVector[] = [];
  const add = (name: string, description: string, text: string, expect: OverrideVector['expect'], over: Partial<OverrideVector['context']> = {}): void => {
    vectors.push({ name, description, code: text, context: { ...context, ...over }, expect });
  };
  const until = '2026-06-01T14:00:00Z';
  add('override-valid', 'Signed by pinned key A for this install id and app, 4 hours from 10:00; checked at 12:00.', code([a], { reason: 'Incident 4411' }), { ok: true, until, signers: [a.keyId] });
  add('override-valid-lowercase', 'The same code typed in lower case with spaces.', code([a]).toLowerCase().replace(/-/g, ' '), { ok: true, until, signers: [a.keyId] });
  add('override-threshold-2', 'Signed by A and B, threshold 2.', code([a, b]), { ok: true, until, signers: [a.keyId, b.keyId] }, { threshold: 2 });
  add('override-threshold-not-met', 'Signed by A only, threshold 2.', code([a]), { ok: false, refusal: 'threshold-not-met' }, { threshold: 2 });
  add('override-other-app', 'A code for DeepSeek typed on TikTok\'s block page.', code([a], { app: 'deepseek' }), { ok: false, refusal: 'other-app' });
  add('override-other-browser', 'A code for another install id.', code([a], { installId: '9c1d0e2f-1111-4222-8333-444455556666' }), { ok: false, refusal: 'other-browser' });
  add('override-same-prefix-other-browser', 'A code for another install id that starts the same: the signature covers the whole id.',
    code([a], { installId: '3f2b6c1e-0000-4000-8000-000000000000' }), { ok: false, refusal: 'not-signed' });
  add('override-unpinned', 'Signed by an unpinned key.', code([outsider]), { ok: false, refusal: 'not-signed' });
  add('override-expired', 'Ended at 11:00, checked at 12:00.', code([a], { minutes: 60 }), { ok: false, refusal: 'expired' });
  add('override-future', 'Issued at 13:00, checked at 12:00.', code([a], { issuedAt: OVERRIDE_ISSUED + 3 * 3600 }), { ok: false, refusal: 'issued-in-future' });
  add('override-cut-short', 'The last group of the code missing.', code([a]).replace(/-[^-]+$/, ''), { ok: false, refusal: 'malformed' });
  const valid = code([a]);
  const at = valid[valid.length - 10] === '-' ? valid.length - 11 : valid.length - 10;
  const flipped = `${valid.slice(0, at)}${valid[at] === 'A' ? 'B' : 'A'}${valid.slice(at + 1)}`;
  add('override-typo', 'One character of the signature mistyped.', flipped, { ok: false, refusal: 'not-signed' });
  return vectors;
}

/** Every file under test/vectors/ this script owns, path relative to it → contents. */
export async function buildVectorFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const v of await buildVectors()) files.set(`cases/${v.name}.json`, `${JSON.stringify(v, null, 2)}\n`);
  files.set('pae.json', `${JSON.stringify(paeVectors(), null, 2)}\n`);
  files.set('overrides.json', `${JSON.stringify(await buildOverrideVectors(), null, 2)}\n`);
  for (const name of ['signer-a', 'signer-b', 'outsider']) {
    const key = await testKey(name);
    files.set(`keys/${name}.TEST-ONLY.key`, key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    files.set(`keys/${name}.pub`, `${key.pub}\n`);
  }
  return files;
}

async function main(): Promise<void> {
  const files = await buildVectorFiles();
  rmSync(join(VECTORS_DIR, 'cases'), { recursive: true, force: true });
  for (const [path, contents] of files) {
    mkdirSync(dirname(join(VECTORS_DIR, path)), { recursive: true });
    writeFileSync(join(VECTORS_DIR, path), contents, { mode: path.endsWith('.key') ? 0o600 : 0o644 });
  }
  console.log(`wrote ${readdirSync(join(VECTORS_DIR, 'cases')).length} vectors to ${VECTORS_DIR}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
