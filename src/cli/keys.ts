/** Signing keys on the admin's machine: PKCS#8 PEM files from node:crypto, never printed. */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { encodeBase64, keyIdOf, type KeyId } from '../core/blocklist/index.ts';
import { CliError } from './errors.ts';
import { readTextFile } from './files.ts';

export interface SigningKey {
  readonly path: string;
  readonly privateKey: KeyObject;
  readonly publicRaw: Uint8Array;
  readonly publicBase64: string;
  readonly keyId: KeyId;
}

/** The raw 32 bytes of an Ed25519 public key: the last 32 bytes of its SPKI DER. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export async function loadSigningKey(path: string, warn: (line: string) => void): Promise<SigningKey> {
  const pem = readTextFile(path);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    if ((e as { code?: unknown } | undefined)?.code === 'ERR_MISSING_PASSPHRASE') {
      throw new CliError(`${path} is passphrase-protected; cordon reads unencrypted PKCS#8 keys (keep them offline instead)`);
    }
    // The parser's message can quote the file; the file is a secret.
    throw new CliError(`${path} is not a PEM private key (expected the .pem file written by cordon keygen)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CliError(`${path} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; cordon signs with Ed25519 keys only`);
  }
  try {
    if ((statSync(path).mode & 0o077) !== 0) warn(`cordon: warning: ${path} is readable by other users; run chmod 600 ${path}`);
  } catch {
    // Already read; the mode check is advice only.
  }
  const publicRaw = rawPublicKey(privateKey);
  return { path, privateKey, publicRaw, publicBase64: encodeBase64(publicRaw), keyId: await keyIdOf(publicRaw) };
}

export function signBytes(key: SigningKey, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, key.privateKey));
}
