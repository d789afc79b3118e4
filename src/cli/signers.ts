/**
 * Who signs (issue #17): a private key file from `cordon keygen`, or an external signer the key never
 * leaves (a cloud KMS, a PKCS#11 token, ssh-agent) reached through `--signer-command`. Cordon runs the
 * command with `sh -c`, writes the exact bytes to sign (DSSE's PAE) on its standard input, and reads a
 * raw 64-byte Ed25519 signature (or the same in base64) from its standard output. Every signature is
 * verified against the signer's public key before it is used: a command that answers anything else is
 * refused, never written into an envelope.
 */
import { spawn } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { checkPublicKey, decodeBase64, encodeBase64, keyIdOf, type KeyId } from '../core/blocklist/index.ts';
import { optionalString, stringList } from './args.ts';
import type { Values } from './command.ts';
import { CliError, UsageError } from './errors.ts';
import { loadSigningKey, signBytes } from './keys.ts';
import { publicKeyArg } from './commands/verify.ts';

export interface Signer {
  /** Where the key is, for messages: a file path or "signer command". */
  readonly label: string;
  readonly keyId: KeyId;
  readonly publicBase64: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

const SIGNER_TIMEOUT_MS = 120_000; // a hardware token may wait for a touch
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function verifies(publicRaw: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicRaw]), format: 'der', type: 'spki' });
  return nodeVerify(null, message, key, signature);
}

function runSigner(command: string, message: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let size = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new CliError(`the signer command did not answer within ${SIGNER_TIMEOUT_MS / 1000} s`));
    }, SIGNER_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= 4096) out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString().slice(0, 2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CliError(`cannot run the signer command: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new CliError(`the signer command failed (exit ${String(code)})${err.trim() === '' ? '' : `: ${err.trim().split('\n')[0] ?? ''}`}`));
        return;
      }
      resolve(new Uint8Array(Buffer.concat(out)));
    });
    child.stdin.on('error', () => undefined); // a signer that exits early is judged by its exit status
    child.stdin.end(Buffer.from(message));
  });
}

/** 64 raw bytes, or base64 text of 64 bytes (with or without a final newline). */
function signatureFrom(output: Uint8Array): Uint8Array | undefined {
  if (output.length === 64) return output;
  const text = Buffer.from(output).toString('latin1').trim();
  const decoded = decodeBase64(text);
  return decoded.ok && decoded.bytes.length === 64 ? decoded.bytes : undefined;
}

export function commandSigner(command: string, publicKey: string, keyId: KeyId, publicRaw: Uint8Array): Signer {
  return {
    label: 'the signer command',
    keyId,
    publicBase64: encodeBase64(publicRaw),
    async sign(message) {
      const signature = signatureFrom(await runSigner(command, message));
      if (signature === undefined) throw new CliError('the signer command did not print a 64-byte Ed25519 signature (raw, or base64)');
      if (!verifies(publicRaw, message, signature)) {
        throw new CliError(`the signer command's signature does not verify with --pub ${publicKey.slice(0, 12)}...: wrong key, or not a raw Ed25519 signature of standard input`);
      }
      return signature;
    },
  };
}

/**
 * The signers a command was given: each --key file, and at most one --signer-command with its --pub.
 * The same key twice counts once toward a threshold, so it is refused.
 */
export async function signersFrom(
  options: { readonly keys: readonly string[]; readonly signerCommand?: string; readonly signerPub?: string },
  command: string,
  warn: (line: string) => void,
): Promise<Signer[]> {
  const signers: Signer[] = [];
  for (const path of options.keys) {
    const key = await loadSigningKey(path, warn);
    signers.push({ label: path, keyId: key.keyId, publicBase64: key.publicBase64, sign: async (message) => signBytes(key, message) });
  }
  if (options.signerCommand !== undefined) {
    if (options.signerPub === undefined) throw new UsageError(`${command}: --signer-command needs --pub, the signer's public key (base64 or a .pub file)`);
    const publicKey = publicKeyArg(options.signerPub);
    const check = checkPublicKey(publicKey);
    if (!check.ok) throw new UsageError(`${command}: --pub ${check.message}`);
    signers.push(commandSigner(options.signerCommand, publicKey, await keyIdOf(check.raw), check.raw));
  } else if (options.signerPub !== undefined) {
    throw new UsageError(`${command}: --pub goes with --signer-command`);
  }
  if (signers.length === 0) throw new UsageError(`${command}: give --key FILE or --signer-command CMD --pub KEY (see cordon ${command} --help)`);
  const seen = new Set<string>();
  for (const s of signers) {
    if (seen.has(s.keyId)) throw new UsageError(`${command}: the key ${s.keyId} (${s.label}) was given twice; a key counts once toward a threshold`);
    seen.add(s.keyId);
  }
  return signers;
}

/** The signers given by a command's --key, --signer-command and --pub options. */
export function signersFromOptions(values: Values, command: string, warn: (line: string) => void): Promise<Signer[]> {
  const signerCommand = optionalString(values, 'signer-command');
  const signerPub = optionalString(values, 'pub');
  return signersFrom(
    { keys: stringList(values, 'key'), ...(signerCommand === undefined ? {} : { signerCommand }), ...(signerPub === undefined ? {} : { signerPub }) },
    command,
    warn,
  );
}

/** The option declarations that go with `signersFromOptions`. */
export const SIGNER_OPTIONS = {
  key: { type: 'string', multiple: true },
  'signer-command': { type: 'string' },
  pub: { type: 'string' },
} as const;
