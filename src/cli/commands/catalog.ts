import { DEFAULT_BUILTIN_APP_IDS, type CatalogueEntry } from '../../core/catalogue/index.ts';
import { CATALOGUE_ENTRIES, findCatalogueEntry } from '../../core/catalogue/provenance.ts';
import { REFERENCE_SNAPSHOTS, referenceNames, referencesListing } from '../../core/catalogue/references.ts';
import { flag } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

function listEntries(io: Io): void {
  const idWidth = Math.max(2, ...CATALOGUE_ENTRIES.map((a) => a.id.length)) + 2;
  const nameWidth = Math.max(4, ...CATALOGUE_ENTRIES.map((a) => a.name.length)) + 2;
  io.out(`${pad('ID', idWidth)}${pad('NAME', nameWidth)}DOMAINS  HOSTS  REVIEWED`);
  for (const app of CATALOGUE_ENTRIES) {
    const isDefault = DEFAULT_BUILTIN_APP_IDS.includes(app.id) ? '  (default)' : '';
    io.out(
      `${pad(app.id, idWidth)}${pad(app.name, nameWidth)}${String(app.domains.length).padStart(7)}  ${String(app.hosts.length).padStart(5)}  ${app.reviewed}${isDefault}`,
    );
  }
  io.out('');
  io.out(`${CATALOGUE_ENTRIES.length} entries. Details and sources: cordon catalog ID. Enforce them with the builtinApps policy`);
  io.out('or name them in a signed list as {"catalogue": "ID", ...} (see docs/catalogue.md).');
}

/** "  [AG, V2]  listed by adguardhome, v2fly": the sources that name a domain or host, and the reference lists that list it. */
function citedBy(app: CatalogueEntry, value: string): string {
  const keys = app.domainSources[value];
  const references = referencesListing(app.id, value);
  return `${keys === undefined ? '' : `  [${keys.join(', ')}]`}${references.length === 0 ? '' : `  listed by ${references.join(', ')}`}`;
}

function showEntry(app: CatalogueEntry, io: Io): void {
  io.out(`${app.name} (${app.id})`);
  io.out(`Vendor    ${app.vendor}`);
  io.out(`Reviewed  ${app.reviewed}${DEFAULT_BUILTIN_APP_IDS.includes(app.id) ? '; enforced by default when no policy names apps' : ''}`);
  io.out(`Reason    ${app.reason}`);
  io.out(`Domains   ${app.domains.length} (each with all of its subdomains)`);
  for (const domain of app.domains) io.out(`  ${domain}${citedBy(app, domain)}`);
  io.out(`Hosts     ${app.hosts.length} (single names on shared infrastructure, and the names below them)`);
  for (const host of app.hosts) io.out(`  ${host}${citedBy(app, host)}`);
  io.out(`Sources   ${app.sources.length}`);
  for (const source of app.sources) {
    io.out(`  ${source.key === undefined ? '' : `[${source.key}] `}${source.title}`);
    io.out(`    ${source.url} (checked ${source.checked})`);
  }
  io.out(`Not blocked ${app.notBlocked.length}`);
  for (const exclusion of app.notBlocked) io.out(`  ${exclusion.host}: ${exclusion.why}`);
  const snapshots = REFERENCE_SNAPSHOTS.filter((s) => s.entries[app.id] !== undefined);
  io.out(`References ${snapshots.length}`);
  for (const s of snapshots) {
    const service = s.entries[app.id]?.service ?? '';
    const where = s.path.endsWith('/') ? `${s.path}${service}` : `${s.path} (${service})`;
    io.out(`  ${s.id}: ${s.repository} ${where} at ${s.commit.slice(0, 12)} (${s.committed}), taken ${s.taken}`);
  }
  const names = referenceNames(app).filter((n) => n.explained.kind !== 'blocked');
  if (names.length > 0) io.out(`  Names the references list that this entry does not block:`);
  for (const n of names) {
    const how = n.explained.kind === 'excluded' ? `not blocked (${n.explained.host}): ${n.explained.why}` : 'NOT EXPLAINED';
    io.out(`    ${n.name} (${n.references.join(', ')}): ${how}`);
  }
  for (const p of app.referencePatterns ?? []) io.out(`    pattern ${p.pattern}: ${p.why}`);
}

export const catalog: Command = {
  name: 'catalog',
  summary: 'list the built-in catalogue of banned apps, or show one entry',
  help: `Usage: cordon catalog [--json] [ID]

Without ID: every built-in entry with its id, name, number of domains and hosts, and the date it
was last reviewed. With ID: that entry's vendor, reason, every domain and host with the sources
that name it, the sources with the date each was checked, and what is deliberately not blocked.

Entries are enforced by id through the builtinApps policy, or named in a signed list as
{"catalogue": "ID", "mode": "block", "since": "YYYY-MM-DD"} (cordon sign expands them).
How entries are researched and kept current: docs/catalogue.md.

Options:
  --json       print the entry (or the whole catalogue) as JSON
  -h, --help   show this help`,
  options: { json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 1) throw new UsageError(`catalog: expected at most one ID, got ${positionals.length}: ${positionals.join(' ')}`);
    const [id] = positionals;
    const json = flag(values, 'json');
    if (id === undefined) {
      if (json) io.out(JSON.stringify(CATALOGUE_ENTRIES, null, 2));
      else listEntries(io);
      return EXIT_OK;
    }
    const app = findCatalogueEntry(id);
    if (app === undefined) {
      throw new CliError(`catalog: "${id}" is not a built-in app (known: ${CATALOGUE_ENTRIES.map((a) => a.id).join(', ')})`);
    }
    if (json) io.out(JSON.stringify(app, null, 2));
    else showEntry(app, io);
    return EXIT_OK;
  },
};
