/**
 * What Chromium's two worker scripts carry, from the build's own bundler with source maps
 * (scripts/vite-plugin-classic-worker.ts): `background.js`, loaded at every start, holds none of the
 * verifier; `verifier.js`, run only to verify, holds all of it. A module in both scripts is two copies,
 * so none of them may keep anything between calls (the suffix rules installed in one copy would be
 * missing in the other).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassicScript, VERIFIER_ENTRY, WORKER_ENTRY } from '../../scripts/vite-plugin-classic-worker.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The verifier's own modules: what decides trust, and the state the name checks keep. */
const VERIFIER_MODULES = [
  'src/core/blocklist/verify.ts',
  'src/core/blocklist/dsse.ts',
  'src/core/blocklist/json.ts',
  'src/core/override-code.ts',
  'src/core/public-suffix.ts',
  'src/background/suffix-list.ts',
  'src/background/verifier.ts',
];

async function sourcesOf(entry: string): Promise<readonly string[]> {
  const { sources } = await buildClassicScript(ROOT, join(ROOT, entry), 'script.js', { define: { __BROWSER__: JSON.stringify('chrome') }, target: 'chrome137', sourcemap: true });
  if (sources.length === 0) throw new Error(`no source map for ${entry}`);
  return sources;
}

/** Module-level `let`/`var`, or a collection created at the top level: state kept between calls. */
function keepsState(file: string): boolean {
  return /^(?:export\s+)?(?:let|var)\s|^(?:export\s+)?const\s+\w+(?::[^=]+)?=\s*new\s+(?:Map|Set|WeakMap|WeakSet)\b/m.test(readFileSync(join(ROOT, file), 'utf8'));
}

describe("Chromium's worker scripts", () => {
  let worker: readonly string[];
  let verifier: readonly string[];
  beforeAll(async () => {
    [worker, verifier] = await Promise.all([sourcesOf(WORKER_ENTRY), sourcesOf(VERIFIER_ENTRY)]);
  }, 60_000);

  it('background.js carries none of the verifier, verifier.js all of it', () => {
    expect(worker.filter((f) => VERIFIER_MODULES.includes(f))).toEqual([]);
    expect(worker.some((f) => f.includes('node_modules/@scure/base'))).toBe(false);
    expect(VERIFIER_MODULES.filter((f) => !verifier.includes(f))).toEqual([]);
    // Control: the worker's own modules are found the same way.
    expect(worker).toContain('src/background/update-cycle.ts');
    expect(worker).toContain('src/background/load-verifier.ts');
  });

  it('no module in both scripts keeps state between calls', () => {
    const shared = worker.filter((f) => f.startsWith('src/') && verifier.includes(f));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.filter(keepsState)).toEqual([]);
    // Control: the check finds the state the verifier's own modules keep.
    expect(keepsState('src/core/public-suffix.ts')).toBe(true);
    expect(keepsState('src/background/suffix-list.ts')).toBe(true);
    expect(keepsState('src/core/host.ts')).toBe(false);
  });
});
