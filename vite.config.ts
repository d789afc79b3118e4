import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { extensionIdFromKey } from './src/cli/extension-id.ts';
import { builtinRules } from './scripts/vite-plugin-builtin-rules.ts';
import { classicServiceWorker, VERIFIER_ENTRY, WORKER_ENTRY } from './scripts/vite-plugin-classic-worker.ts';

const ruleset = manifest.declarative_net_request.rule_resources[0];
if (!ruleset) throw new Error('manifest.json names no static ruleset');

/**
 * One source, two builds. `vite build` writes the Chromium build to dist/; `vite build --mode firefox`
 * writes dist-firefox/, where the background runs as an event page (Firefox ignores service_worker)
 * and the Chromium-only keys are dropped.
 */
/** Chromium's: crxjs builds the pages; the worker is built as classic scripts (classicServiceWorker). */
function chromeManifest() {
  const { background: _background, ...rest } = manifest;
  return rest;
}

function firefoxManifest() {
  const { key: _key, minimum_chrome_version: _min, background, web_accessible_resources, ...rest } = manifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' as const },
    // Firefox already serves extension pages from a per-install origin; it has no use_dynamic_url.
    web_accessible_resources: web_accessible_resources.map(({ use_dynamic_url: _dynamic, ...resource }) => resource),
  };
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  const define = { __BROWSER__: JSON.stringify(firefox ? 'firefox' : 'chrome') };
  const target = firefox ? 'firefox128' : 'chrome137';
  return {
    define,
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target,
      rollupOptions: {
        // Reached only by redirect, so nothing in the manifest makes crxjs build it as a page.
        input: { blocked: 'src/blocked/index.html' },
      },
    },
    plugins: [
      crx({ manifest: firefox ? firefoxManifest() : chromeManifest(), browser: firefox ? 'firefox' : 'chrome' }),
      firefox ? [] : classicServiceWorker({ worker: WORKER_ENTRY, verifier: VERIFIER_ENTRY, define, target }),
      builtinRules({
        // Firefox gives each install its own moz-extension:// origin: its static ruleset redirects by path.
        extensionOrigin: firefox ? 'moz-extension://cordon' : `chrome-extension://${extensionIdFromKey(manifest.key)}`,
        target: firefox ? 'firefox' : 'chrome',
        fileName: ruleset.path,
      }),
    ],
  };
});
