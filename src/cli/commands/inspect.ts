import { parseBlocklistPayload, PAYLOAD_TYPE, type Blocklist } from '../../core/blocklist/index.ts';
import { nowOption, onePositional } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK } from '../errors.ts';
import { readUnverified } from '../envelope-file.ts';
import { terminalSafe } from '../terminal.ts';

const SHOWN_DOMAINS = 8;

function relative(iso: string, now: Date): string {
  const days = (Date.parse(iso) - now.getTime()) / 86_400_000;
  if (Math.abs(days) < 1 / 24) return 'now';
  const n = Math.abs(days) < 1 ? `${Math.round(Math.abs(days) * 24)} hour(s)` : `${Math.round(Math.abs(days))} day(s)`;
  return days >= 0 ? `in ${n}` : `${n} ago`;
}

function describeList(list: Blocklist, now: Date): string[] {
  const lines = [
    `List      ${list.listId} (schema ${list.schema})`,
    `Serial    ${list.serial}`,
    `Issued    ${list.issuedAt} (${relative(list.issuedAt, now)})`,
    `Expires   ${list.expiresAt} (${Date.parse(list.expiresAt) <= now.getTime() ? 'EXPIRED ' : ''}${relative(list.expiresAt, now)})`,
    `Issuer    ${list.issuer}`,
    `Contact   ${list.contact}`,
    ...(list.requestUrl === undefined ? [] : [`Request   ${list.requestUrl}`]),
    `Apps      ${list.apps.length}`,
  ];
  for (const app of list.apps) {
    const mode = app.enforceFrom === undefined ? app.mode : `warn until ${app.enforceFrom}, then block`;
    const counts = [
      `${app.domains.length} domain(s)`,
      ...(app.hosts === undefined ? [] : [`${app.hosts.length} host(s)`]),
      ...(app.allow === undefined ? [] : [`${app.allow.length} allowed`]),
    ];
    lines.push(`  ${app.id} (${app.name}): ${mode}, since ${app.since}; ${counts.join(', ')}`);
    lines.push(`    reason: ${app.reason}`);
    const all = [...app.domains, ...(app.hosts ?? [])];
    const shown = all.slice(0, SHOWN_DOMAINS).join(' ');
    lines.push(`    blocks: ${shown}${all.length > SHOWN_DOMAINS ? ` ... and ${all.length - SHOWN_DOMAINS} more` : ''}`);
    if (app.allow !== undefined) lines.push(`    allowed: ${app.allow.join(' ')}`);
  }
  lines.push(`Changes   ${list.changes.length}`);
  for (const c of list.changes) lines.push(`  #${c.serial} ${c.date}: ${c.summary}`);
  const exceptions = list.exceptions ?? [];
  lines.push(`Exceptions ${exceptions.length === 0 ? 'none' : exceptions.length}`);
  for (const e of exceptions) {
    const ended = Date.parse(e.until) <= now.getTime();
    lines.push(`  ${e.app} not blocked for group${e.groups.length === 1 ? '' : 's'} ${e.groups.join(', ')} until ${e.until}${ended ? ' (ended)' : ''}`);
    lines.push(`    reason: ${e.reason}`);
  }
  return lines;
}

export const inspect: Command = {
  name: 'inspect',
  summary: 'show what a signed list contains (without verifying it)',
  help: `Usage: cordon inspect [--now TIME] LIST.signed.json

Prints a readable summary: list id, serial, dates, issuer, contact, each app with its domain counts,
the signatures' key ids, and the change history. It does NOT verify signatures: use cordon verify.

Options:
  --now TIME   show dates relative to TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help   show this help`,
  options: { now: { type: 'string' } },
  async run(values, positionals, io) {
    const file = onePositional(positionals, 'LIST.signed.json', 'inspect');
    const now = nowOption(values, io.now);
    const { envelope, payloadJson, payloadSha256 } = await readUnverified(file);
    // Everything below comes from a file nobody has verified: each line is made safe for a terminal
    // (escape sequences and bidirectional controls shown as \u{…}), whatever stream it goes to.
    const say = (line: string) => io.out(terminalSafe(line));
    say(`${file} (NOT verified: run cordon verify to check signatures)`);
    say(`Type      ${envelope.payloadType}${envelope.payloadType === PAYLOAD_TYPE ? '' : ' (NOT a Cordon blocklist type)'}`);
    say(`Payload   ${envelope.payload.length} bytes, sha256 ${payloadSha256}`);
    say(`Signatures ${envelope.signatures.length}`);
    for (const s of envelope.signatures) {
      say(`  keyid ${s.keyid ?? '(none)'} (claimed, unverified), ${s.sig.length}-byte signature`);
    }
    const parsed = parseBlocklistPayload(payloadJson);
    if (!parsed.ok) throw new CliError(`${file}: the payload does not follow the blocklist schema: ${parsed.reason}: ${parsed.message}`);
    for (const line of describeList(parsed.list, now)) say(line);
    return EXIT_OK;
  },
};
