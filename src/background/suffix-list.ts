/**
 * The Public Suffix List's rules, which only verifying a list needs (core/public-suffix.ts): read from
 * the extension's own `psl.json` (written by the build from the same rules the CLI uses) the first
 * time the worker verifies a list, not when it starts, so every start stays small.
 */
import { installSuffixRules, suffixRulesInstalled, type SuffixRules } from '../core/public-suffix.ts';
import { extensionPageUrl } from './extension-url.ts';

let loading: Promise<void> | undefined;

export function ensureSuffixRules(): Promise<void> {
  if (suffixRulesInstalled()) return Promise.resolve();
  loading ??= fetch(extensionPageUrl('psl.json'))
    .then((response) => response.json() as Promise<SuffixRules>)
    .then((rules) => installSuffixRules(rules))
    .finally(() => {
      loading = undefined;
    });
  return loading;
}
