/**
 * The shape of the code, checked in `npm test` (test/unit/architecture.test.ts runs this):
 * - no import circle anywhere in src/ (type-only imports included: a circle of types is still a
 *   circle of meaning);
 * - the service worker's bundle (everything src/background/index.ts reaches) loads no page view model
 *   (src/core/view/) and nothing of the popup or the block page;
 * - src/core/ is pure: no browser API shims, no Node built-ins, nothing from the shells or the CLI;
 * - nothing in src/ imports from scripts/, test/ or bench/.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the modules cannot be read, tested or loaded one without the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'worker-loads-no-view',
      severity: 'error',
      comment: 'The service worker must not load page view models (src/core/view) or page code.',
      from: { path: '^src/background/' },
      to: { path: '^src/(core/view|popup|blocked)/', reachable: true },
    },
    {
      name: 'worker-loads-no-polyfill',
      severity: 'error',
      comment: 'The service worker calls the browsers\' own namespace (src/background/browser-api.ts): webextension-polyfill is 10 KB at every start. Its types are fine; src/core may not import it at all (core-is-pure).',
      from: { path: '^src/background/' },
      to: { path: 'node_modules/webextension-polyfill/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core is shared by the extension, the build and the CLI: no browser shim, no Node built-in, no shell.',
      from: { path: '^src/core/' },
      to: { path: '^(src/(background|popup|blocked|cli)/|node_modules/webextension-polyfill)', dependencyTypes: ['local', 'npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown', 'core'] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-from-tooling',
      severity: 'error',
      comment: 'Product code must not depend on build scripts, tests or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(scripts|test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
