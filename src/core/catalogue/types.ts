/** Where a catalogue entry's facts come from, and when someone last checked them. */
export interface CatalogueSource {
  readonly title: string;
  /** https: URL of the list, doc or page consulted. */
  readonly url: string;
  /** ISO date (YYYY-MM-DD) the source was last read for this entry. */
  readonly checked: string;
  /** Short key (`AG`, `V2`, `GOV-TX`...) by which `domainSources` cites this source. */
  readonly key?: string;
}

/** Something deliberately left reachable, and why: shared infrastructure other sites depend on. */
export interface CatalogueExclusion {
  readonly host: string;
  readonly why: string;
}

/**
 * One named app in the built-in catalogue, as the extension enforces it. `domains` are registrable
 * domains that belong to the app alone (each covers its subdomains); `hosts` are single hosts on
 * infrastructure the app shares with others (a CDN, a parent company's edge) and cover only that host
 * and the names below it. Where these facts come from is `CatalogueProvenance`, kept apart so that
 * the extension bundles only this.
 */
export interface CatalogueApp {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly domains: readonly string[];
  readonly hosts: readonly string[];
  /** Why an employer bans it, in one neutral line (shown when no signed list gives a reason). */
  readonly reason: string;
}

/**
 * Where one entry's domains and hosts come from, what it leaves open and when it was reviewed. Each
 * app file exports it beside the `CatalogueApp`; only the CLI, docs tooling and tests read it
 * (`provenance.ts`), so it never reaches the extension bundles.
 */
export interface CatalogueProvenance {
  readonly sources: readonly CatalogueSource[];
  readonly notBlocked: readonly CatalogueExclusion[];
  /** ISO date of the last full review of this entry. */
  readonly reviewed: string;
  /** The keys of the sources that name each domain and host; every domain and host has an entry. */
  readonly domainSources: Readonly<Record<string, readonly string[]>>;
  /** Patterns a reference lists that no browser rule can be (a regular expression, a keyword), and why that is fine. */
  readonly referencePatterns?: readonly { readonly pattern: string; readonly why: string }[];
}

/** An entry with its provenance: what `cordon catalog` shows and the catalogue tests check. */
export type CatalogueEntry = CatalogueApp & CatalogueProvenance;

/**
 * Source keys for exactly an app's domains and hosts: one per value, none missing, none extra. An app
 * file declares its citations `satisfies Citations<typeof app>`, so the compiler keeps them in step
 * with the runtime lists, which stay separate literals so that the bundler drops the citations.
 */
export type Citations<App extends Pick<CatalogueApp, 'domains' | 'hosts'>> = {
  readonly [V in App['domains'][number] | App['hosts'][number]]: readonly string[];
};

/** One reference list's entry for a catalogue app, as the reference gives it (src/core/catalogue/references/). */
export interface ReferenceEntry {
  /** The reference's own name for the service. */
  readonly service: string;
  /** Host names, as listed (each also stands for the names below it, as every reference means). */
  readonly names: readonly string[];
  /** Entries that are not host names (regular expressions, keywords), as listed. */
  readonly patterns: readonly string[];
}

/** A snapshot of one reference list, taken by scripts/refresh-references.ts. */
export interface ReferenceSnapshot {
  readonly reference: string;
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly committed: string;
  readonly taken: string;
  /** By catalogue entry id. */
  readonly entries: Readonly<Record<string, ReferenceEntry>>;
  /** Every service (file) the reference has at that commit: a citation of any other does not check out. */
  readonly available: readonly string[];
  /** Names of further services the catalogue cites, by service. */
  readonly cited?: Readonly<Record<string, readonly string[]>>;
}
