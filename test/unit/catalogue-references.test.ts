/**
 * Every name a reference list gives for a catalogue app is explained (issue #16): the entry blocks it
 * (the name or a parent is one of its domains or hosts), or the entry's `notBlocked` names it (or a
 * parent) with a reason. A refreshed snapshot (scripts/refresh-references.ts) therefore shows at once
 * what nobody has looked at. Patterns a reference lists (regular expressions, keywords) cannot be a
 * browser rule and must be explained by name in `referencePatterns`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_ENTRIES, findCatalogueEntry } from '../../src/core/catalogue/provenance.ts';
import type { ReferenceSnapshot } from '../../src/core/catalogue/types.ts';
import { REFERENCE_SNAPSHOTS, referenceNames } from '../../src/core/catalogue/references.ts';

const DIR = join(import.meta.dirname, '../../src/core/catalogue/references');
const snapshots = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, snapshot: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as ReferenceSnapshot }));

const under = (name: string, parent: string) => name === parent || name.endsWith(`.${parent}`);

describe('reference snapshots', () => {
  it('each names its repository, path, commit and the date taken, for entries that exist', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    for (const { file, snapshot } of snapshots) {
      expect(snapshot.commit, file).toMatch(/^[0-9a-f]{40}$/);
      expect(snapshot.taken, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(snapshot.repository, file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      for (const id of Object.keys(snapshot.entries)) expect(findCatalogueEntry(id), `${file}: ${id}`).toBeDefined();
    }
  });

  it.each(CATALOGUE_ENTRIES.map((e) => [e.id, e] as const))('%s: every name the references give is blocked or excluded with a reason', (id, entry) => {
    const blocked = [...entry.domains, ...entry.hosts];
    const unexplained: string[] = [];
    for (const { file, snapshot } of snapshots) {
      const listed = snapshot.entries[id];
      if (listed === undefined) continue;
      for (const name of listed.names) {
        const explained = blocked.some((b) => under(name, b)) || entry.notBlocked.some((x) => under(name, x.host));
        if (!explained) unexplained.push(`${file}: ${name}`);
      }
      for (const pattern of listed.patterns) {
        if (!(entry.referencePatterns ?? []).some((p) => p.pattern === pattern)) unexplained.push(`${file}: pattern ${pattern}`);
      }
    }
    expect(unexplained).toEqual([]);
  });
});

/** A source URL into a snapshotted reference: which snapshot, and which service (file) it names. */
const REFERENCE_URLS: readonly { readonly snapshot: string; readonly pattern: RegExp }[] = [
  { snapshot: 'adguardhome.json', pattern: /^https:\/\/github\.com\/AdguardTeam\/HostlistsRegistry\/blob\/main\/services\/([\w.-]+)\.yml$/ },
  { snapshot: 'nextdns.json', pattern: /^https:\/\/github\.com\/nextdns\/services\/blob\/main\/services\/([\w.-]+)$/ },
  { snapshot: 'v2fly.json', pattern: /^https:\/\/github\.com\/v2fly\/domain-list-community\/blob\/master\/data\/([\w.-]+)$/ },
];

describe('citations that check out', () => {
  const byFile = new Map(snapshots.map((s) => [s.file, s.snapshot]));

  it.each(CATALOGUE_ENTRIES.map((e) => [e.id, e] as const))('%s: every cited reference file exists, and lists each name cited from it', (id, entry) => {
    const wrong: string[] = [];
    for (const source of entry.sources) {
      for (const { snapshot: file, pattern } of REFERENCE_URLS) {
        const service = pattern.exec(source.url)?.[1];
        const snapshot = byFile.get(file);
        if (service === undefined || snapshot === undefined) continue;
        if (!snapshot.available.includes(service)) {
          wrong.push(`${source.key ?? source.url}: ${snapshot.repository} has no ${service} at ${snapshot.commit.slice(0, 8)}`);
          continue;
        }
        const own = snapshot.entries[id]?.service === service ? snapshot.entries[id] : undefined;
        const listed = own?.names ?? snapshot.cited?.[service];
        if (listed === undefined || source.key === undefined) continue;
        // AdGuard's `||p16-tiktok-*.ibyteimg.com^` lists every host it matches.
        const wildcards = (own?.patterns ?? []).flatMap((p) => {
          const body = /^\|\|([a-z0-9.*-]+)\^$/.exec(p)?.[1];
          return body === undefined ? [] : [new RegExp(`^${body.replace(/\./g, '\\.').replace(/\*/g, '[a-z0-9.-]*')}$`)];
        });
        for (const [name, keys] of Object.entries(entry.domainSources)) {
          if (keys.includes(source.key) && !listed.includes(name) && !wildcards.some((w) => w.test(name))) {
            wrong.push(`${name}: cites ${source.key}, but ${snapshot.repository} ${service} does not list it`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(CATALOGUE_ENTRIES.map((e) => [e.id, e] as const))('%s: a name said to be on no reference list is on none', (id, entry) => {
    const listedAnywhere = (host: string) =>
      snapshots.some(({ snapshot }) => Object.values(snapshot.entries).some((e) => e.names.includes(host)) || Object.values(snapshot.cited ?? {}).some((names) => names.includes(host)));
    const untrue = entry.notBlocked.filter((x) => /\b(?:on no|not on any|no) (?:source |reference )?list/i.test(x.why) && listedAnywhere(x.host)).map((x) => x.host);
    expect(untrue, id).toEqual([]);
  });
});

describe('cordon catalog ID, from the same snapshots', () => {
  it('the module the CLI reads holds exactly the committed snapshots, and explains every name the same way', () => {
    expect(REFERENCE_SNAPSHOTS.map((s) => `${s.id}.json`).sort()).toEqual(snapshots.map((s) => s.file).sort());
    for (const entry of CATALOGUE_ENTRIES) expect(referenceNames(entry).filter((n) => n.explained.kind === 'unexplained'), entry.id).toEqual([]);
  });
});
