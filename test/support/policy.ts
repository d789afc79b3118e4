/**
 * Real Chromium enterprise policy: a JSON file in /etc/chromium/policies/managed/, read by every
 * Chromium on the machine. Only root can write there (CI runs as root); elsewhere the tests that need
 * it are skipped with a message saying so.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY_DIR = '/etc/chromium/policies/managed';
export const canWritePolicy = typeof process.getuid === 'function' && process.getuid() === 0;
export const POLICY_SKIP_REASON = `needs root to write Chromium policy in ${POLICY_DIR}`;

export interface PolicyFile {
  readonly path: string;
  write(policy: Record<string, unknown>): void;
  remove(): void;
}

/** A policy file owned by this test process; remove() it in afterEach/afterAll. */
export function chromiumPolicyFile(name = `cordon-test-${process.pid}`): PolicyFile {
  const path = join(POLICY_DIR, `${name}.json`);
  return {
    path,
    write(policy) {
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(path, JSON.stringify(policy, null, 2));
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}
