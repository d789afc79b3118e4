import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { extensionIdFromKey } from './scripts/extension-id.ts';
import { builtinRules } from './scripts/vite-plugin-builtin-rules.ts';

const ruleset = manifest.declarative_net_request.rule_resources[0];
if (!ruleset) throw new Error('manifest.json names no static ruleset');

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome137',
    rollupOptions: {
      // Reached only by redirect, so nothing in the manifest makes crxjs build it as a page.
      input: { blocked: 'src/blocked/index.html' },
    },
  },
  plugins: [
    crx({ manifest }),
    builtinRules({
      extensionOrigin: `chrome-extension://${extensionIdFromKey(manifest.key)}`,
      fileName: ruleset.path,
    }),
  ],
});
