/** The browser a build targets, fixed at build time by vite.config.ts (`--mode firefox`). */
declare const __BROWSER__: 'chrome' | 'firefox';
