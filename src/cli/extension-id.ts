import { createHash } from 'node:crypto';

/**
 * Chromium derives an extension's ID from its public key: the first 32 hex digits of SHA-256 over the
 * DER key, each digit mapped 0-f → a-p. The manifest's fixed `key` therefore fixes the ID admins use.
 */
export function extensionIdFromKey(base64DerPublicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64DerPublicKey, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}
