import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBase64, keyIdOf } from '../../core/blocklist/index.ts';
import { optionalString, requiredString } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import { describeFsError, fileExists, writeNewFile } from '../files.ts';
import { rawPublicKey } from '../keys.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const keygen: Command = {
  name: 'keygen',
  summary: 'create an Ed25519 signing key pair',
  help: `Usage: cordon keygen --out DIR [--name NAME]

Creates an Ed25519 key pair for signing blocklists:
  DIR/NAME.pem   the private key (PKCS#8 PEM), mode 0600. Keep it offline; never commit it.
  DIR/NAME.pub   the public key: standard base64 of the raw 32 bytes.
The public key is also printed on stdout, in exactly the form the extension's policy takes
(a string in trustedKeys). The private key is never printed. Existing files are never overwritten.

Options:
  --out DIR     directory to write to (created with mode 0700 if missing)
  --name NAME   file name stem (default: cordon-signing)
  -h, --help    show this help`,
  options: {
    out: { type: 'string' },
    name: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`keygen: unexpected argument ${positionals[0]} (see cordon keygen --help)`);
    const dir = requiredString(values, 'out', 'keygen');
    const name = optionalString(values, 'name') ?? 'cordon-signing';
    if (!NAME.test(name)) throw new UsageError(`--name must be a plain file name stem (letters, digits, ".", "_", "-"), not "${name}"`);
    const privatePath = join(dir, `${name}.pem`);
    const publicPath = join(dir, `${name}.pub`);
    for (const path of [privatePath, publicPath]) {
      if (fileExists(path)) throw new CliError(`${path} already exists; refusing to overwrite a key (choose another --out or --name)`);
    }
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new CliError(`cannot create ${dir}: ${describeFsError(e)}`);
    }

    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const pub = encodeBase64(raw);
    writeNewFile(privatePath, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
    writeNewFile(publicPath, `${pub}\n`, 0o644);

    io.out(pub);
    io.err(`cordon: wrote ${privatePath} (private, mode 0600) and ${publicPath}; key id ${await keyIdOf(raw)}`);
    return EXIT_OK;
  },
};
