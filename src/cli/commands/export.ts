import { verifyBlocklist } from '../../core/blocklist/index.ts';
import { isGroupName } from '../../core/groups.ts';
import { exportSet } from '../../core/export/names.ts';
import { isIP } from 'node:net';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../../core/export/formats.ts';
import { nowOption, onePositional, optionalString, requiredString, stringList, wholeNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import { writeFileAtomic } from '../files.ts';
import { readEnvelopeBytes } from '../envelope-file.ts';
import { publicKeyArg } from './verify.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a verified list for DNS, gateways and browser policy',
  help: `Usage: cordon export --pub KEY [--pub KEY2 ...] [--threshold N] --format FORMAT [options] LIST.signed.json

Verifies LIST.signed.json exactly as the extension does (an unverified list is never exported), then
writes the names it blocks now for another enforcement point:

  rpz            a Response Policy Zone (BIND, Unbound, PowerDNS Recursor, Knot Resolver): each name
                 and its subdomains answer NXDOMAIN (or --block-address); allowed hosts pass through
  unbound        Unbound local-zone statements, for an include: file
  dnsmasq        dnsmasq address=/name/ lines (NXDOMAIN for the name and its subdomains)
  hosts          a hosts file (exact names only: a hosts file cannot block subdomains)
  adguard        AdGuard / uBlock Origin / AdGuard Home / Pi-hole filter rules (||name^, @@||allowed^)
  urlblocklist   Chrome and Edge URLBlocklist / URLAllowlist policy JSON (1,000 entries at most each)
  defender-csv   Microsoft Defender for Endpoint custom indicators (DomainName, Block / Allowed)
  json           the apps and names as JSON, for anything else

Each export names its source (list id, serial, signers, times) where the format has comments and
says what it leaves out: apps still in their warning period (nothing but a browser can warn), and
exceptions (a resolver does not know a browser's groups: without --groups the ban holds for all).
An export is true until its "valid until" time: run it again from the same job that publishes lists.

Options:
  --pub KEY            a pinned public key: base64 of the raw 32 bytes, or a .pub file; repeatable
  --threshold N        distinct pinned keys that must have signed (default 1)
  --list-id ID         the listId the fleet is configured for
  --format FORMAT      one of ${EXPORT_FORMATS.join(', ')}
  --groups G1,G2       the groups this enforcement point serves: their exceptions are applied
  --block-address IP   answer blocked names with this address instead of NXDOMAIN (DNS formats)
  --out FILE           write here (atomically) instead of standard output
  --now TIME           export as if it were TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help           show this help`,
  options: {
    pub: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    'list-id': { type: 'string' },
    format: { type: 'string' },
    groups: { type: 'string' },
    'block-address': { type: 'string' },
    out: { type: 'string' },
    now: { type: 'string' },
  },
  async run(values, positionals, io) {
    const file = onePositional(positionals, 'LIST.signed.json', 'export');
    const pubs = stringList(values, 'pub');
    if (pubs.length === 0) throw new UsageError('export: give at least one --pub key: an unverified list is never exported (see cordon export --help)');
    const format = requiredString(values, 'format', 'export');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
    const groups = optionalString(values, 'groups')?.split(',').map((g) => g.trim()).filter((g) => g !== '') ?? [];
    const badGroup = groups.find((g) => !isGroupName(g));
    if (badGroup !== undefined) throw new UsageError(`export: "${badGroup}" is not a group name (a-z, 0-9, "-" and "_", up to 32 characters)`);
    const blockAddress = optionalString(values, 'block-address');
    if (blockAddress !== undefined && isIP(blockAddress) === 0) throw new UsageError(`export: --block-address must be an IPv4 or IPv6 address, not "${blockAddress}"`);
    if (blockAddress !== undefined && !['rpz', 'unbound', 'dnsmasq', 'hosts'].includes(format)) throw new UsageError(`export: --block-address applies to the DNS formats only, not ${format}`);
    const listId = optionalString(values, 'list-id');
    const now = nowOption(values, io.now);

    const result = await verifyBlocklist(readEnvelopeBytes(file), {
      trustedKeys: pubs.map(publicKeyArg),
      threshold: wholeNumber(values, 'threshold') ?? 1,
      now,
      ...(listId === undefined ? {} : { expectedListId: listId }),
    });
    if (!result.ok) throw new CliError(`${file}: not exported: ${result.reason}: ${result.message}`);
    const set = exportSet(result.list, { now, signers: result.signers, groups });
    const output = renderExport(format as ExportFormat, set, blockAddress === undefined ? {} : { blockAddress });
    const out = optionalString(values, 'out');
    if (out === undefined) (io.raw ?? ((text: string) => process.stdout.write(text)))(output.text);
    else writeFileAtomic(out, output.text);
    const names = set.apps.reduce((n, a) => n + a.names.length, 0);
    io.err(`cordon: exported ${set.source.listId} serial ${set.source.serial} as ${format}: ${set.apps.length} app(s), ${names} name(s), valid until ${set.validUntil}${out === undefined ? '' : ` -> ${out}`}`);
    for (const note of [...set.notes, ...output.notes]) io.err(`cordon: note: ${note}`);
    return EXIT_OK;
  },
};
