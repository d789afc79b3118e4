/**
 * Runs the `cordon` admin CLI the two ways the tests need: the real binary (`node bin/cordon.mjs`, as
 * an admin runs it: exit codes, files, streams) and in-process through `runCli` (the same code without
 * tsx's ~0.7 s start-up, for tests that run it hundreds of times).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { runCli } from '../../src/cli/cli.ts';

export const CORDON_BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'cordon.mjs');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real binary, in `cwd` (default this process's). */
export function runCordonBin(args: readonly string[], cwd?: string): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CORDON_BIN, ...args], cwd === undefined ? {} : { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** `runCli` with its output collected; `now` fixes the clock the commands see. */
export async function runCordonInProcess(args: readonly string[], now: () => Date = () => new Date()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (l) => (stdout += `${l}\n`), err: (l) => (stderr += `${l}\n`), now, raw: (t) => (stdout += t) });
  return { code, stdout, stderr };
}
