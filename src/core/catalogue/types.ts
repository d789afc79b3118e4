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
 * One named app in the built-in catalogue. `domains` are registrable domains that belong to the app
 * alone (each covers its subdomains); `hosts` are single hosts on infrastructure the app shares with
 * others (a CDN, a parent company's edge) and cover only that host and the names below it.
 */
export interface CatalogueApp {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly domains: readonly string[];
  readonly hosts: readonly string[];
  /** Why an employer bans it, in one neutral line (shown when no signed list gives a reason). */
  readonly reason: string;
  readonly sources: readonly CatalogueSource[];
  readonly notBlocked: readonly CatalogueExclusion[];
  /** ISO date of the last full review of this entry. */
  readonly reviewed: string;
  /**
   * For each domain and host, the keys of the sources that name it. Optional for compatibility (the
   * TikTok entry cites its sources in comments); every entry added since carries one for every value.
   */
  readonly domainSources?: Readonly<Record<string, readonly string[]>>;
}
