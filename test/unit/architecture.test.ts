/**
 * The code's shape (.dependency-cruiser.cjs, dependency-cruiser): no import circle in src/, no page view
 * model in the service worker's bundle, src/core pure, product code independent of scripts and tests.
 * A fixture with one violation of each kind shows the check would catch them.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type ICruiseOptions, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(resolve(ROOT, '.dependency-cruiser.cjs')) as ICruiseOptions & { options: ICruiseOptions };

async function violations(baseDir: string): Promise<string[]> {
  const result: IReporterOutput = await cruise(['src'], { ...config.options, ruleSet: { forbidden: (config as unknown as { forbidden: never[] }).forbidden }, baseDir, validate: true });
  if (typeof result.output === 'string') throw new Error(result.output);
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('architecture', () => {
  it('src/ has no import circle, no view model or polyfill in the worker, a pure core, no tooling imports', async () => {
    expect(await violations(ROOT)).toEqual([]);
  }, 60_000);

  it('control: the same rules catch a circle and a worker that loads a view model or the polyfill', async () => {
    const found = await violations(resolve(ROOT, 'test/fixtures/architecture'));
    expect(found.some((v) => v.startsWith('no-circular: src/core/a/'))).toBe(true);
    expect(found).toContain('worker-loads-no-view: src/background/index.ts -> src/core/view/page.ts');
    expect(found.some((v) => v.startsWith('worker-loads-no-polyfill: src/background/index.ts -> ') && v.includes('webextension-polyfill'))).toBe(true);
  }, 60_000);
});
