/**
 * What a signed list asks every enforcement point to block (issue #17), decided once for all export
 * formats: apps blocked at the export time (an app still in its warning period is not blocked by
 * browsers, so nowhere else either), their names pruned, their allowed hosts, and, for an
 * enforcement point that serves one group, the apps that group's exceptions lift until they end.
 * Pure: the CLI verifies the list first and passes the verified list in.
 */
import { toIsoSeconds, type Blocklist } from '../blocklist/payload.ts';
import { effectiveMode } from '../blocklist/verify.ts';
import { pruneSubdomains } from '../domain.ts';
import { exceptionLifts } from '../lifts.ts';

export interface ExportSource {
  readonly listId: string;
  readonly serial: number;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly issuer: string;
  /** Key ids of the pinned keys whose signatures verified. */
  readonly signers: readonly string[];
  /** When the export was made (ISO). */
  readonly exportedAt: string;
}

export interface ExportApp {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
  /** Each blocks itself and every name below it. */
  readonly names: readonly string[];
  /** Hosts under those names that stay reachable. */
  readonly allow: readonly string[];
}

export interface ExportSet {
  readonly source: ExportSource;
  readonly apps: readonly ExportApp[];
  /** What the export leaves out and why, in sentences: every format prints them where it can. */
  readonly notes: readonly string[];
  /** When this export stops being true on its own (an exception ends, a warning becomes a block, the list expires). */
  readonly validUntil: string;
}

export interface ExportOptions {
  readonly now: Date;
  readonly signers: readonly string[];
  /** The groups the target serves; none: every exception is left unapplied (the ban holds for all). */
  readonly groups?: readonly string[];
}

const iso = (ms: number) => toIsoSeconds(new Date(ms));

export function exportSet(list: Blocklist, options: ExportOptions): ExportSet {
  const { now } = options;
  const notes: string[] = [];
  const groups = options.groups ?? [];
  const lifted = exceptionLifts(list.exceptions ?? [], list.apps, groups, now);
  const ends: number[] = [Date.parse(list.expiresAt)];
  const apps: ExportApp[] = [];
  for (const app of list.apps) {
    if (effectiveMode(app, now) === 'warn') {
      notes.push(`${app.name} (${app.id}) is only warned about in browsers${app.enforceFrom === undefined ? '' : ` until ${app.enforceFrom}`}: a DNS or gateway block cannot warn, so it is left out${app.enforceFrom === undefined ? '' : '; export again from that date'}.`);
      if (app.enforceFrom !== undefined) ends.push(Date.parse(`${app.enforceFrom}T00:00:00Z`));
      continue;
    }
    const lift = lifted.find((l) => l.app === app.id);
    if (lift !== undefined) {
      notes.push(`${app.name} (${app.id}) is left out: the list's exception for ${(lift.groups ?? []).join(', ')} holds until ${lift.until}; export again then.`);
      ends.push(Date.parse(lift.until));
      continue;
    }
    apps.push({ id: app.id, name: app.name, reason: app.reason, names: pruneSubdomains([...app.domains, ...(app.hosts ?? [])]), allow: pruneSubdomains([...(app.allow ?? [])]) });
  }
  const unapplied = (list.exceptions ?? []).filter((e) => Date.parse(e.until) > now.getTime() && !e.groups.some((g) => groups.includes(g)));
  if (unapplied.length > 0) {
    const named = [...new Set(unapplied.flatMap((e) => e.groups))].sort().join(', ');
    notes.push(`${unapplied.length} exception(s) for group(s) ${named} are not applied here: this export blocks for everyone it serves (export with --groups for a resolver that serves only such a group).`);
  }
  return {
    source: { listId: list.listId, serial: list.serial, issuedAt: list.issuedAt, expiresAt: list.expiresAt, issuer: list.issuer, signers: options.signers, exportedAt: iso(now.getTime()) },
    apps,
    notes,
    validUntil: iso(Math.min(...ends)),
  };
}
