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
