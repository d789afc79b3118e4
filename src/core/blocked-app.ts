/** What the compiler and the matchers need to know about one app: a leaf module, imported by both. */
export interface BlockedApp {
  readonly id: string;
  readonly domains: readonly string[];
  readonly hosts?: readonly string[];
  readonly allow?: readonly string[];
}
