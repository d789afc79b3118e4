import { resolve } from 'node:path';
import {
  decodeUtf8,
  parseStrictJson,
  pae,
  PAYLOAD_TYPE,
  serializeEnvelope,
  utf8,
  verifyBlocklist,
  sha256Hex,
  type VerifyContext,
} from '../../core/blocklist/index.ts';
import { flag, nowOption, optionalString, positiveInteger, requiredString, stringList } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import { fileExists, readFileCapped, writeFileAtomic } from '../files.ts';
import { SIGNER_OPTIONS, signersFromOptions } from '../signers.ts';
import { durationMs } from '../duration.ts';
import { buildPayload, DEFAULT_VALID_DAYS, serializePayload } from '../list-input.ts';
import { readUnverified, type UnverifiedList } from '../envelope-file.ts';
import { listHostOf } from '../list-url.ts';
import { terminalSafe } from '../terminal.ts';

const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export const sign: Command = {
  name: 'sign',
  summary: 'validate an unsigned list and sign it',
  help: `Usage: cordon sign --key PRIVATE.pem [--key PRIVATE2.pem ...] --in LIST.json --out LIST.signed.json [options]
       cordon sign --signer-command CMD --pub KEY --in LIST.json --out LIST.signed.json [options]

Validates LIST.json (every error names its field), expands apps given as {"catalogue": "<id>", ...}
into the built-in entry's name and domains, normalises domains, signs the payload with each key
(DSSE v1, Ed25519) and writes the envelope. The result is verified with the same code the extension
runs before anything is written.

Times in LIST.json may be any ISO 8601 UTC time (2026-06-01T12:00:00Z, 2026-06-01T12:00:00.123Z as
new Date().toISOString() writes it, or 2026-06-01T12:00:00+00:00); the signed list carries them in
its one canonical form, YYYY-MM-DDTHH:MM:SSZ (fractions of a second dropped).

If --out already holds a signed list, its serial is compared: signing different content under the
same serial would make every browser raise a "serial-conflict" alarm, so that is refused.

Two-person control: one signer signs here, a second adds a signature over the very same payload
bytes with cordon cosign, on their own machine.

Options:
  --key FILE          private key from cordon keygen; repeat for a threshold of several keys
  --signer-command CMD  sign with an external signer instead of (or besides) a key file: CMD gets the
                      bytes to sign on standard input and prints a raw Ed25519 signature (see
                      docs/deploying.md for a cloud KMS, a PKCS#11 token, ssh-agent, OpenSSL)
  --pub KEY           the signer command's public key (base64 or a .pub file)
  --bump              for scheduled re-signing: --bump-serial and --stamp together
  --expires-in TIME   expiresAt = issuedAt + TIME (90m, 36h, 7d; at most 90d), e.g. a daily job
                      re-signing with --bump --expires-in 36h
  --in FILE           the unsigned list (see docs/blocklist-format.md and examples/blocklist.json)
  --out FILE          where to write the signed envelope
  --stamp             set issuedAt to now (also done when the list has no issuedAt); the validity
                      window is kept, or set by --valid-days
  --valid-days N      expiresAt = issuedAt + N days (default when the list has none: ${DEFAULT_VALID_DAYS})
  --bump-serial       serial = 1 + the larger of the list's serial and the serial already at --out
  --change TEXT       add a history entry for the new serial, dated today
  --list-url URL      where the list will be published: refuse a list that would block that host
  --now TIME          sign as if it were TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help          show this help`,
  options: {
    ...SIGNER_OPTIONS,
    in: { type: 'string' },
    out: { type: 'string' },
    stamp: { type: 'boolean' },
    'valid-days': { type: 'string' },
    'expires-in': { type: 'string' },
    bump: { type: 'boolean' },
    'bump-serial': { type: 'boolean' },
    change: { type: 'string' },
    'list-url': { type: 'string' },
    now: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`sign: unexpected argument ${positionals[0]} (see cordon sign --help)`);
    const keyPaths = stringList(values, 'key');
    if (keyPaths.length === 0 && values['signer-command'] === undefined) throw new UsageError('sign: missing --key or --signer-command (see cordon sign --help)');
    const inPath = requiredString(values, 'in', 'sign');
    const outPath = requiredString(values, 'out', 'sign');
    const listUrl = optionalString(values, 'list-url');
    const listHost = listUrl === undefined ? undefined : listHostOf(listUrl);
    const validDays = positiveInteger(values, 'valid-days');
    const expiresIn = optionalString(values, 'expires-in');
    if (validDays !== undefined && expiresIn !== undefined) throw new UsageError('sign: give --valid-days or --expires-in, not both');
    const validMs = expiresIn === undefined ? undefined : durationMs(expiresIn, 'sign', '--expires-in');
    const bump = flag(values, 'bump');
    const now = nowOption(values, io.now);
    if (resolve(inPath) === resolve(outPath)) throw new UsageError('sign: --in and --out are the same file');

    const keys = await signersFromOptions(values, 'sign', io.err);

    const inputBytes = readFileCapped(inPath, MAX_INPUT_BYTES);
    if (inputBytes.length > MAX_INPUT_BYTES) throw new CliError(`${inPath}: larger than ${MAX_INPUT_BYTES} bytes`);
    const text = decodeUtf8(inputBytes);
    if (text === undefined) throw new CliError(`${inPath}: not valid UTF-8`);
    const json = parseStrictJson(text);
    if (!json.ok) throw new CliError(`${inPath}: not valid JSON: ${json.message}`);

    const previous: UnverifiedList | undefined = fileExists(outPath) ? await readUnverified(outPath) : undefined;
    const built = buildPayload(json.value, {
      now,
      stamp: bump || flag(values, 'stamp'),
      bumpSerial: bump || flag(values, 'bump-serial'),
      ...(validDays === undefined ? {} : { validDays }),
      ...(validMs === undefined ? {} : { validMs }),
      ...(previous?.serial === undefined ? {} : { previousSerial: previous.serial }),
      ...(typeof values.change === 'string' ? { change: values.change } : {}),
    });
    if (!built.ok) {
      const [first = 'invalid list', ...more] = built.errors.map((e) => `${inPath}: ${e}`);
      throw new CliError(first, more);
    }
    const payload = utf8(serializePayload(built.list));
    const payloadSha256 = await sha256Hex(payload);

    if (previous?.serial !== undefined) {
      if (previous.serial > built.list.serial) {
        throw new CliError(`${outPath} already has serial ${previous.serial}, newer than ${built.list.serial}; use --bump-serial`);
      }
      if (previous.serial === built.list.serial && previous.payloadSha256 !== payloadSha256) {
        throw new CliError(
          `${outPath} already has serial ${built.list.serial} with different content; browsers would raise a serial-conflict alarm (use --bump-serial)`,
        );
      }
    }

    const message = pae(PAYLOAD_TYPE, payload);
    const signatures: { keyid: string; sig: Uint8Array }[] = [];
    for (const k of keys) signatures.push({ keyid: k.keyId, sig: await k.sign(message) });
    const envelope = serializeEnvelope(PAYLOAD_TYPE, payload, signatures);

    // The extension's own checks, with these keys pinned: what is written is what browsers accept.
    const context: VerifyContext = {
      trustedKeys: keys.map((k) => k.publicBase64),
      threshold: keys.length,
      expectedListId: built.list.listId,
      now,
      ...(listHost === undefined ? {} : { listHost }),
    };
    const check = await verifyBlocklist(utf8(envelope), context);
    if (!check.ok) throw new CliError(`${inPath}: ${check.reason}: ${check.message}`);

    writeFileAtomic(outPath, envelope);
    const list = built.list;
    const domains = list.apps.reduce((n, a) => n + a.domains.length + (a.hosts?.length ?? 0), 0);
    io.out(
      `signed ${list.listId} serial ${list.serial}: ${list.apps.length} app(s), ${domains} domain(s)/host(s), ` +
        `valid ${list.issuedAt} to ${list.expiresAt}, key id(s) ${keys.map((k) => k.keyId).join(', ')} -> ${outPath}`,
    );
    // Exceptions lift a ban for some browsers: the signer sees each one before publishing.
    for (const e of list.exceptions ?? []) {
      io.out(terminalSafe(`  exception: ${e.app} not blocked for group${e.groups.length === 1 ? '' : 's'} ${e.groups.join(', ')} until ${e.until} (${e.reason})`));
    }
    return EXIT_OK;
  },
};
