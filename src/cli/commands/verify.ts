import { verifyBlocklist, type VerifyContext } from '../../core/blocklist/index.ts';
import { nowOption, onePositional, optionalString, positiveInteger, stringList, wholeNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.ts';
import { fileExists, readTextFile } from '../files.ts';
import { readEnvelopeBytes, readUnverified } from '../envelope-file.ts';
import { listHostOf } from '../list-url.ts';

/** A --pub value is a key file (as written by keygen) if such a file exists, else the key itself. */
export function publicKeyArg(value: string): string {
  return fileExists(value) ? readTextFile(value).trim() : value;
}

export const verify: Command = {
  name: 'verify',
  summary: 'check a signed list exactly as the extension does',
  help: `Usage: cordon verify --pub KEY [--pub KEY2 ...] [--threshold N] [options] LIST.signed.json

Runs the extension's own verifier (src/core/blocklist) on LIST.signed.json: size, strict JSON and
base64, payload type, signatures against the given keys only, threshold, schema, list id, dates,
serial, domains. Exit 0 when the list would be accepted; exit 1 with the reason code otherwise.

Options:
  --pub KEY             a pinned public key: base64 of the raw 32 bytes, or a .pub file; repeatable
  --threshold N         distinct pinned keys that must have signed (default 1)
  --list-id ID          the listId the browsers are configured for
  --list-url URL        where the list is published (the list must not block its host)
  --list-host HOST      the same, given as a host
  --previous FILE       the list browsers accepted last: the new one must have a higher serial
  --last-serial N       the same, given as a serial ...
  --last-sha256 HEX     ... and the SHA-256 of that list's payload bytes
  --now TIME            verify as if it were TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help            show this help`,
  options: {
    pub: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    'list-id': { type: 'string' },
    'list-url': { type: 'string' },
    'list-host': { type: 'string' },
    previous: { type: 'string' },
    'last-serial': { type: 'string' },
    'last-sha256': { type: 'string' },
    now: { type: 'string' },
  },
  async run(values, positionals, io) {
    const file = onePositional(positionals, 'LIST.signed.json', 'verify');
    const pubs = stringList(values, 'pub');
    if (pubs.length === 0) throw new UsageError('verify: give at least one --pub key (see cordon verify --help)');
    const threshold = wholeNumber(values, 'threshold') ?? 1;
    const listId = optionalString(values, 'list-id');
    const listUrl = optionalString(values, 'list-url');
    const listHostOpt = optionalString(values, 'list-host');
    if (listUrl !== undefined && listHostOpt !== undefined) throw new UsageError('verify: give --list-url or --list-host, not both');
    const listHost = listUrl === undefined ? listHostOpt : listHostOf(listUrl);
    const previous = optionalString(values, 'previous');
    const lastSerial = positiveInteger(values, 'last-serial');
    const lastSha = optionalString(values, 'last-sha256');
    if (previous !== undefined && (lastSerial !== undefined || lastSha !== undefined)) {
      throw new UsageError('verify: give --previous or --last-serial/--last-sha256, not both');
    }
    if ((lastSerial === undefined) !== (lastSha === undefined)) throw new UsageError('verify: --last-serial and --last-sha256 go together');
    let lastAccepted: VerifyContext['lastAccepted'];
    if (lastSerial !== undefined && lastSha !== undefined) lastAccepted = { serial: lastSerial, payloadSha256: lastSha.toLowerCase() };
    if (previous !== undefined) {
      const prev = await readUnverified(previous);
      if (prev.serial === undefined) throw new UsageError(`verify: ${previous} has no serial`);
      lastAccepted = { serial: prev.serial, payloadSha256: prev.payloadSha256 };
    }

    const context: VerifyContext = {
      trustedKeys: pubs.map(publicKeyArg),
      threshold,
      now: nowOption(values, io.now),
      ...(listId === undefined ? {} : { expectedListId: listId }),
      ...(listHost === undefined ? {} : { listHost }),
      ...(lastAccepted === undefined ? {} : { lastAccepted }),
    };
    const result = await verifyBlocklist(readEnvelopeBytes(file), context);
    if (!result.ok) {
      io.err(`cordon: ${file}: ${result.reason}: ${result.message}`);
      return EXIT_FAILURE;
    }
    const { list } = result;
    io.out(
      `valid: ${list.listId} serial ${list.serial}${result.status === 'unchanged' ? ' (unchanged: same as the last accepted list)' : ''}, ` +
        `issued ${list.issuedAt}, expires ${list.expiresAt}, signed by ${result.signers.join(', ')}, payload sha256 ${result.payloadSha256}`,
    );
    return EXIT_OK;
  },
};
