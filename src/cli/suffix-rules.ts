/**
 * The Public Suffix List as plain rules, read out of tldts's packed trie (tldts 7.6.0, pinned in
 * package.json). The extension carries the same rules as a data file (`psl.json`, written by the build)
 * and loads it only when it verifies a list; the CLI, the build and the tests install them at start.
 * test/unit/domain.test.ts compares every answer with a full tldts parse.
 */
import * as trie from 'tldts/dist/es6/src/data/trie.js';
import { installSuffixRules, type SuffixRules } from '../core/public-suffix.ts';

interface PackedTrie {
  readonly nodeFlags: Uint8Array;
  readonly edgeStart: Uint16Array | Uint32Array;
  readonly edgeLength: Uint8Array;
  readonly edgeChild: Uint16Array | Uint32Array;
  readonly labelText: string;
  readonly rulesRoot: number;
  readonly exceptionsRoot: number;
}

/** Every rule the trie holds from `root`: labels from the right, joined with dots (`*.ck`, `co.uk`). */
function rulesFrom(t: PackedTrie, root: number): string[] {
  // Labels are stored edge after edge in `labelText`, in edge order.
  const offsets = new Uint32Array(t.edgeLength.length + 1);
  for (let e = 0; e < t.edgeLength.length; e++) offsets[e + 1] = (offsets[e] ?? 0) + (t.edgeLength[e] ?? 0);
  const out: string[] = [];
  const visit = (node: number, suffix: string): void => {
    for (let e = t.edgeStart[node] ?? 0; e < (t.edgeStart[node + 1] ?? 0); e++) {
      const label = t.labelText.slice(offsets[e], (offsets[e] ?? 0) + (t.edgeLength[e] ?? 0));
      const child = t.edgeChild[e] ?? 0;
      const name = suffix === '' ? label : `${label}.${suffix}`;
      if ((t.nodeFlags[child] ?? 0) !== 0) out.push(name);
      visit(child, name);
    }
  };
  visit(root, '');
  return out.sort();
}

export function suffixRulesFromTldts(): SuffixRules {
  const t = trie as unknown as PackedTrie;
  return { rules: rulesFrom(t, t.rulesRoot), exceptions: rulesFrom(t, t.exceptionsRoot) };
}

let installedFromTldts = false;

/** Installs tldts's rules for core/public-suffix.ts, once: for the CLI, the build, the benchmarks, the tests. */
export function installNodeSuffixRules(): void {
  if (installedFromTldts) return;
  installSuffixRules(suffixRulesFromTldts());
  installedFromTldts = true;
}
