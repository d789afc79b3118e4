/**
 * Chromium's service worker as classic scripts: `background.js`, what every start loads, and
 * `verifier.js`, which the worker runs with `importScripts` only when something must be verified
 * (src/background/load-verifier.ts). A module worker cannot call `importScripts`, and crxjs builds the
 * worker as a module, so crxjs is given the manifest without its background; this plugin builds both
 * scripts (each one self-contained, minified like the rest) and names the worker in the manifest.
 */
import { relative, resolve } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';
import { VERIFIER_SCRIPT } from '../src/background/verifier-handoff.ts';

export const WORKER_SCRIPT = 'background.js';
export const WORKER_ENTRY = 'src/background/index.ts';
export const VERIFIER_ENTRY = 'src/background/verifier-script.ts';

export interface ClassicWorkerOptions {
  /** The worker's entry (src/background/index.ts). */
  readonly worker: string;
  /** The verifier's entry (src/background/verifier-script.ts). */
  readonly verifier: string;
  readonly define: Record<string, string>;
  readonly target: string;
}

/**
 * The managed-policy schema as the worker needs it: core/policy.ts reads only its property names. The
 * descriptions (about 2 KB, for the admin consoles that read public/schema.json itself) would otherwise
 * be loaded at every start; the CLI and the tests keep the whole file.
 */
export function schemaWithoutProse(root: string): Plugin {
  const schema = resolve(root, 'public/schema.json');
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'description' && key !== 'title').map(([key, v]) => [key, strip(v)]))
        : value;
  return {
    name: 'cordon:schema-without-prose',
    enforce: 'pre',
    transform(code, id) {
      return id === schema ? { code: JSON.stringify(strip(JSON.parse(code))), map: null } : undefined;
    },
  };
}

export interface ClassicScript {
  readonly code: string;
  /** With `sourcemap`: the map, and every module the script carries (paths from the project's root). */
  readonly map: Rollup.SourceMap | null;
  readonly sources: readonly string[];
}

export interface ClassicBuildOptions extends Pick<ClassicWorkerOptions, 'define' | 'target'> {
  readonly sourcemap?: boolean;
}

/**
 * One entry bundled into one classic script, nothing written to disk: the build, the bundle benchmark
 * and the test of what each script carries all call this, so they measure what ships.
 */
export async function buildClassicScript(root: string, input: string, fileName: string, options: ClassicBuildOptions): Promise<ClassicScript> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: options.define,
    plugins: [schemaWithoutProse(root)],
    build: {
      write: false,
      minify: true,
      sourcemap: options.sourcemap ?? false,
      target: options.target,
      modulePreload: false,
      rollupOptions: { input, output: { format: 'iife', entryFileNames: fileName } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  const entry = chunks.flatMap((o) => o.output).find((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry);
  if (entry === undefined) throw new Error(`bundling ${input} gave no script`);
  // A map names its sources from the output folder (vite's default dist/).
  const sources = (entry.map?.sources ?? []).map((s) => relative(root, resolve(root, 'dist', s)).replace(/\\/g, '/'));
  return { code: entry.code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: entry.map, sources };
}

export function classicServiceWorker(options: ClassicWorkerOptions): Plugin {
  let root = process.cwd();
  return {
    name: 'cordon:classic-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle: {
      order: 'post',
      async handler(_outputOptions, bundle) {
        const manifest = bundle['manifest.json'];
        if (manifest?.type !== 'asset') throw new Error('crxjs wrote no manifest.json to name the service worker in');
        for (const [input, fileName] of [
          [options.worker, WORKER_SCRIPT],
          [options.verifier, VERIFIER_SCRIPT],
        ] as const) {
          this.emitFile({ type: 'asset', fileName, source: (await buildClassicScript(root, input, fileName, options)).code });
        }
        const parsed = JSON.parse(String(manifest.source)) as Record<string, unknown>;
        manifest.source = `${JSON.stringify({ ...parsed, background: { service_worker: WORKER_SCRIPT } }, null, 2)}\n`;
      },
    },
  };
}
