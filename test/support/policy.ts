/**
 * Real Chromium enterprise policy: a JSON file in /etc/chromium/policies/managed/, read by Chromium's
 * own policy loader. That directory is machine-wide, so a policy written there would reach every
 * Chromium on the machine (another test run, a colleague's benchmark) and theirs would reach ours.
 * Each test browser that needs policy therefore runs in a mount namespace of its own (`unshare
 * --mount`), in which a private directory is bind-mounted over that path: same file format, same
 * loader, same timing, invisible to anyone else. Only root can do this (CI runs as root); elsewhere the
 * tests that need it are skipped with a message saying so. Where namespaces are unavailable to root,
 * a uniquely named file in the shared directory is the fallback, and `policyIsolation` says so.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const POLICY_DIR = '/etc/chromium/policies/managed';
export const canWritePolicy = typeof process.getuid === 'function' && process.getuid() === 0;
export const POLICY_SKIP_REASON = `needs root to give Chromium its own enterprise policy in ${POLICY_DIR}`;

export type PolicyIsolation = 'private-namespace' | 'shared-directory' | 'unavailable';

let isolation: PolicyIsolation | undefined;

/** How this machine can give a browser its own enterprise policy. */
export function policyIsolation(): PolicyIsolation {
  if (isolation) return isolation;
  if (!canWritePolicy) return (isolation = 'unavailable');
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    const probe = mkdtempSync(join(tmpdir(), 'cordon-policy-probe-'));
    try {
      execFileSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', `mount --bind "${probe}" "${POLICY_DIR}"`], { stdio: 'ignore', timeout: 10_000 });
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
    isolation = 'private-namespace';
  } catch {
    isolation = 'shared-directory';
  }
  return isolation;
}

export interface PolicyFile {
  /** The file Chromium reads (inside the private directory, or in the shared one as a fallback). */
  readonly path: string;
  /** The directory to mount over POLICY_DIR for the browser that should see this policy. */
  readonly privateDir?: string;
  write(policy: Record<string, unknown>): void;
  remove(): void;
  /** Removes the file and its private directory. */
  dispose(): void;
}

/** A policy file owned by this test; pass it to `launchChromium({ policy })` and dispose() it afterwards. */
export function chromiumPolicyFile(name = 'cordon-test'): PolicyFile {
  const privateDir = policyIsolation() === 'private-namespace' ? mkdtempSync(join(tmpdir(), 'cordon-policy-')) : undefined;
  const path = privateDir ? join(privateDir, `${name}.json`) : join(POLICY_DIR, `${name}-${process.pid}.json`);
  return {
    path,
    ...(privateDir ? { privateDir } : {}),
    write(policy) {
      mkdirSync(privateDir ?? POLICY_DIR, { recursive: true });
      // Written whole and renamed, so Chromium's file watcher never reads half a policy (the loader
      // skips names that start with a dot).
      const tmp = join(dirname(path), `.${basename(path)}.partial`);
      writeFileSync(tmp, JSON.stringify(policy, null, 2));
      renameSync(tmp, path);
    },
    remove() {
      rmSync(path, { force: true });
    },
    dispose() {
      rmSync(path, { force: true });
      if (privateDir) rmSync(privateDir, { recursive: true, force: true });
    },
  };
}

/**
 * An executable that starts `chromium` in its own mount namespace with `privateDir` mounted over the
 * managed policy directory; Playwright launches it as if it were Chromium.
 */
export function privatePolicyChromium(chromium: string, privateDir: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'cordon-chromium-'));
  const path = join(scratch, 'chromium-private-policy.sh');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      '# Chromium in its own mount namespace, with a private directory as its managed policy directory.',
      `exec unshare --mount --propagation private -- sh -c 'mount --bind "${privateDir}" "${POLICY_DIR}" && exec "$0" "$@"' "${chromium}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}
