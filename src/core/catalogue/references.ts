/**
 * The reference lists' snapshots (issue #16), for the CLI and the tests: which references list a name
 * for an entry, and how the entry explains each name it does not block. Kept out of the extension
 * bundles like the rest of the provenance.
 */
import adguardhome from './references/adguardhome.json' with { type: 'json' };
import nextdns from './references/nextdns.json' with { type: 'json' };
import v2fly from './references/v2fly.json' with { type: 'json' };
import type { CatalogueEntry, ReferenceSnapshot } from './types.ts';

export const REFERENCE_SNAPSHOTS: readonly (ReferenceSnapshot & { readonly id: string })[] = [
  { id: 'adguardhome', ...(adguardhome as ReferenceSnapshot) },
  { id: 'nextdns', ...(nextdns as ReferenceSnapshot) },
  { id: 'v2fly', ...(v2fly as ReferenceSnapshot) },
];

const under = (name: string, parent: string) => name === parent || name.endsWith(`.${parent}`);

/** The references whose entry for `entryId` lists `value` or a name below it. */
export function referencesListing(entryId: string, value: string): string[] {
  return REFERENCE_SNAPSHOTS.filter((s) => s.entries[entryId]?.names.some((n) => under(n, value))).map((s) => s.id);
}

export interface ReferenceName {
  readonly name: string;
  readonly references: readonly string[];
  /** How the entry explains it: blocked (by which value), excluded (why), or not at all. */
  readonly explained: { readonly kind: 'blocked'; readonly by: string } | { readonly kind: 'excluded'; readonly host: string; readonly why: string } | { readonly kind: 'unexplained' };
}

/** Every name the references give for an entry, with how the entry explains it. */
export function referenceNames(entry: CatalogueEntry): ReferenceName[] {
  const byName = new Map<string, string[]>();
  for (const s of REFERENCE_SNAPSHOTS) for (const n of s.entries[entry.id]?.names ?? []) byName.set(n, [...(byName.get(n) ?? []), s.id]);
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, references]) => {
    const by = [...entry.domains, ...entry.hosts].find((b) => under(name, b));
    if (by !== undefined) return { name, references, explained: { kind: 'blocked', by } };
    const exclusion = entry.notBlocked.find((x) => under(name, x.host));
    if (exclusion !== undefined) return { name, references, explained: { kind: 'excluded', host: exclusion.host, why: exclusion.why } };
    return { name, references, explained: { kind: 'unexplained' } };
  });
}
