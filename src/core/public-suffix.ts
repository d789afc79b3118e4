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
 * The rules as sets of dotted paths: every rule, and every path that lies on the way to one (all
 * suffixes of every rule, `*` kept as a label). Walking a host from the right then needs one set
 * lookup per label, on slices of the host itself, and no tree of objects.
 */
interface PathSets {
  readonly ends: ReadonlySet<string>;
  readonly paths: ReadonlySet<string>;
}

interface WalkSets {
  readonly rules: PathSets;
  readonly exceptions: PathSets;
}

export interface SuffixTrie {
  /**
   * The sets the label walk needs, built the first time a host needs the walk. With the one-lookup
   * test below, the hosts of a list rarely do (only names directly under a wildcard rule): building
   * them was most of what loading the list cost the worker, at every update after a start.
   */
  readonly walkSets: () => WalkSets;
  /** The last labels under which any exception exists (`ck`, `jp`, ...): only those hosts need that walk. */
  readonly exceptionTlds: ReadonlySet<string>;
  /**
   * The one-lookup test, when every wildcard of the list is a leading `*.` (true of the whole list
   * today; a list with a wildcard elsewhere turns it off and every host takes the walk):
   * `suffixes` holds each exact rule the walk confirms, `wildcardParents` each `P` of a rule `*.P`.
   * A host of two labels or more whose parent is not in `wildcardParents` can only be a suffix by
   * being an exact rule, so one lookup of the parent and one of the host decide it.
   */
  readonly oneLookup?: { readonly suffixes: ReadonlySet<string>; readonly wildcardParents: ReadonlySet<string> };
}

function setsOf(rules: readonly string[]): PathSets {
  const ends = new Set<string>();
  const paths = new Set<string>();
  for (const rule of rules) {
    ends.add(rule);
    for (let at = 0; at !== -1; at = rule.indexOf('.', at) + 1 || -1) paths.add(at === 0 ? rule : rule.slice(at));
  }
  return { ends, paths };
}

/** `rule`, or a name below it: `www.ck` is `www.ck`, `a.www.ck` is below it. */
const atOrBelow = (name: string, rule: string) => name === rule || name.endsWith(`.${rule}`);

export function compileSuffixRules(rules: SuffixRules): SuffixTrie {
  let sets: WalkSets | undefined;
  const walkSets = () => (sets ??= { rules: setsOf(rules.rules), exceptions: setsOf(rules.exceptions) });
  const walked: SuffixTrie = { walkSets, exceptionTlds: new Set(rules.exceptions.map((e) => e.slice(e.lastIndexOf('.') + 1))) };
  // Why the one-lookup test gives the walk's answer: the walk ends on a rule as long as the host only
  // when that rule is the host itself (no wildcard taken) or, wildcards being leading only, `*.`
  // followed by the host's own parent. Hosts under a wildcard parent still take the walk.
  if (rules.rules.some((r) => r.lastIndexOf('*') > 0 || (r.includes('*') && !r.startsWith('*.')))) return walked;
  const exact = rules.rules.filter((r) => !r.includes('*'));
  // The walk confirms every exact rule (each of its suffixes is a path, and the rule an end) unless an
  // exception is the rule or lies above it (`!www.ck`): with exceptions free of wildcards, as the list's
  // are, that is a suffix test against the few exceptions, and no walk sets are built for it.
  const plainExceptions = rules.exceptions.every((e) => !e.includes('*'));
  const confirmed = plainExceptions
    ? (rule: string) => !(walked.exceptionTlds.has(rule.slice(rule.lastIndexOf('.') + 1)) && rules.exceptions.some((e) => atOrBelow(rule, e)))
    : (rule: string) => walkedAnswer(walked, rule);
  return {
    ...walked,
    oneLookup: {
      suffixes: new Set(exact.filter(confirmed)),
      wildcardParents: new Set(rules.rules.filter((r) => r.startsWith('*.')).map((r) => r.slice(2))),
    },
  };
}

/**
 * How many labels, from the right, the deepest rule on the host's path covers (0: none), and how many
 * labels the host has. At each label the exact child is taken where the path exists, the `*` child
 * otherwise (never for an empty label), as tldts does.
 */
function walk(sets: PathSets, host: string): { deepest: number; labels: number } {
  let deepest = 0;
  let depth = 0;
  let path = '';
  // While no wildcard was taken, the path is the host's own tail and a slice of it needs no joining.
  let exact = true;
  let end = host.length;
  for (;;) {
    // lastIndexOf reads a negative start as 0 and would find a leading dot again and again.
    const dot = end === 0 ? -1 : host.lastIndexOf('.', end - 1);
    const start = dot + 1;
    depth++;
    const candidate = exact ? host.slice(start) : `${host.slice(start, end)}.${path}`;
    let next: string | undefined;
    if (sets.paths.has(candidate)) next = candidate;
    else if (start < end) {
      const wildcard = path === '' ? '*' : `*.${path}`;
      if (sets.paths.has(wildcard)) {
        next = wildcard;
        exact = false;
      }
    }
    if (next === undefined) break;
    path = next;
    if (sets.ends.has(path)) deepest = depth;
    if (dot < 0) break;
    end = dot;
  }
  let labels = 1;
  for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) labels++;
  return { deepest, labels };
}

export function isPublicSuffixIn(trie: SuffixTrie, host: string): boolean {
  const fast = trie.oneLookup;
  const dot = host.indexOf('.');
  if (fast !== undefined && dot > 0 && !fast.wildcardParents.has(host.slice(dot + 1))) return fast.suffixes.has(host);
  return walkedAnswer(trie, host);
}

/** The answer by walking the labels: the reference, and the path for hosts the one lookup leaves. */
function walkedAnswer(trie: SuffixTrie, host: string): boolean {
  // An exception makes the suffix shorter than the host it names (`www.ck` → `ck`), and of any host below.
  const sets = trie.walkSets();
  if (trie.exceptionTlds.has(host.slice(host.lastIndexOf('.') + 1)) && walk(sets.exceptions, host).deepest > 0) return false;
  const { deepest, labels } = walk(sets.rules, host);
  // No rule at all: the list's default rule `*` makes the last label the suffix.
  return deepest > 0 ? deepest === labels : labels === 1;
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
