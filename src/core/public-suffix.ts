/**
 * Whether a host is a public suffix (`com`, `co.uk`, `github.io`, `*.ck` but not `www.ck`), from the
 * Public Suffix List's rules in both sections. The rules are data the caller installs: the service
 * worker reads them from the extension only when it verifies a list (so the worker starts without
 * them), the CLI, the build and the tests from tldts's copy (src/cli/suffix-rules.ts).
 *
 * The lookup walks the labels from the right, taking the exact child where one exists and the `*`
 * child otherwise, exactly as tldts does (its answer for `getPublicSuffix(host) === host`, with
 * private domains, is the reference the tests compare against).
 */
export interface SuffixRules {
  /** Rules as the list writes them, `*.` for wildcards: `co.uk`, `*.ck`, `github.io`. */
  readonly rules: readonly string[];
  /** Exception rules without their `!`: `www.ck`. */
  readonly exceptions: readonly string[];
}

/**
 * The rules as two sets of dotted paths: every rule, and every path that lies on the way to one (all
 * suffixes of every rule, `*` kept as a label). Walking a host from the right then needs one set
 * lookup per label and no tree of objects: cheap to build when the worker loads the list.
 */
export interface SuffixTrie {
  readonly rules: { readonly ends: ReadonlySet<string>; readonly paths: ReadonlySet<string> };
  readonly exceptions: { readonly ends: ReadonlySet<string>; readonly paths: ReadonlySet<string> };
}

function setsOf(rules: readonly string[]): SuffixTrie['rules'] {
  const ends = new Set<string>();
  const paths = new Set<string>();
  for (const rule of rules) {
    ends.add(rule);
    for (let at = 0; at !== -1; at = rule.indexOf('.', at) + 1 || -1) paths.add(at === 0 ? rule : rule.slice(at));
  }
  return { ends, paths };
}

export function compileSuffixRules(rules: SuffixRules): SuffixTrie {
  return { rules: setsOf(rules.rules), exceptions: setsOf(rules.exceptions) };
}

/** How many labels, from the right, the deepest rule on the host's path covers (0: none). */
function deepestRule(trie: SuffixTrie['rules'], labels: readonly string[]): number {
  let path = '';
  let deepest = 0;
  for (let i = labels.length - 1, depth = 1; i >= 0; i--, depth++) {
    const label = labels[i] as string;
    const exact = path === '' ? label : `${label}.${path}`;
    let next: string | undefined;
    if (trie.paths.has(exact)) next = exact;
    else if (label !== '') {
      const wildcard = path === '' ? '*' : `*.${path}`;
      if (trie.paths.has(wildcard)) next = wildcard;
    }
    if (next === undefined) break;
    path = next;
    if (trie.ends.has(path)) deepest = depth;
  }
  return deepest;
}

export function isPublicSuffixIn(trie: SuffixTrie, host: string): boolean {
  const labels = host.split('.');
  // An exception makes the suffix shorter than the host it names (`www.ck` → `ck`), and of any host below.
  if (deepestRule(trie.exceptions, labels) > 0) return false;
  const depth = deepestRule(trie.rules, labels);
  // No rule at all: the list's default rule `*` makes the last label the suffix.
  return depth > 0 ? depth === labels.length : labels.length === 1;
}

let installed: SuffixTrie | undefined;

export function installSuffixRules(rules: SuffixRules): void {
  installed = compileSuffixRules(rules);
}

export function suffixRulesInstalled(): boolean {
  return installed !== undefined;
}

/** Public suffixes from both sections of the list. Throws until rules are installed: never a guess. */
export function isPublicSuffix(host: string): boolean {
  if (installed === undefined) throw new Error('the Public Suffix List is not loaded (installSuffixRules)');
  return isPublicSuffixIn(installed, host);
}
