import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/suffix-setup.ts'],
          environment: 'node',
          // The CLI tests spawn `node --import tsx`: seconds each when the machine is busy.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // Real programs other than browsers: Unbound, dnsmasq, OpenSSL (installed by scripts/ensure-browsers.sh).
          name: 'components',
          include: ['test/components/**/*.test.ts'],
          setupFiles: ['test/support/suffix-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          setupFiles: ['test/support/suffix-setup.ts'],
          environment: 'node',
          // Real Chromium runs: one browser at a time keeps a 2-core machine honest about timing.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
