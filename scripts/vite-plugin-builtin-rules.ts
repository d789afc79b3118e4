/**
 * Emits the static ruleset (`rules/builtin.json`) from the built-in catalogue at build time. Dynamic
 * rules added by the service worker at start-up lose the race against a fresh profile's first
 * navigations; a static ruleset is in force before any extension code runs.
 */
import type { Plugin } from 'vite';
import { CATALOGUE, DEFAULT_BUILTIN_APP_IDS } from '../src/core/catalogue/index.ts';
import { BLOCK_PAGE_PATH } from '../src/core/paths.ts';
import type { BrowserTarget } from '../src/core/dnr.ts';
import { compileRules } from '../src/core/rules.ts';
import { installNodeSuffixRules, suffixRulesFromTldts } from '../src/cli/suffix-rules.ts';

/** Where the extension finds the Public Suffix List's rules, loaded only when it verifies a list. */
export const SUFFIX_RULES_FILE = 'psl.json';

export function builtinRules(options: { extensionOrigin: string; target: BrowserTarget; fileName: string }): Plugin {
  return {
    name: 'cordon:builtin-rules',
    buildStart() {
      installNodeSuffixRules();
      this.emitFile({ type: 'asset', fileName: SUFFIX_RULES_FILE, source: JSON.stringify(suffixRulesFromTldts()) });
      const apps = CATALOGUE.filter((app) => DEFAULT_BUILTIN_APP_IDS.includes(app.id));
      const rules = compileRules(apps, {
        blockPageUrl: `${options.extensionOrigin}/${BLOCK_PAGE_PATH}`,
        target: options.target,
        redirect: options.target === 'firefox' ? 'path' : 'substitution',
      });
      this.emitFile({ type: 'asset', fileName: options.fileName, source: `${JSON.stringify(rules, null, 1)}\n` });
    },
  };
}
