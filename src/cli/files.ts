import { existsSync, readFileSync, renameSync, statSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.ts';

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EEXIST') return 'already exists';
  if (code === 'ENOTDIR') return 'a parent is not a directory';
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** Reads at most `limit + 1` bytes: enough for a size check to fire without loading a huge file. */
export function readFileCapped(path: string, limit: number): Uint8Array {
  let fd: number;
  try {
    if (statSync(path).isDirectory()) throw new CliError(`cannot read ${path}: is a directory`);
    fd = openSync(path, 'r');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  try {
    const buffer = new Uint8Array(limit + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0 || total + n >= buffer.length) {
        total += n;
        break;
      }
      total += n;
    }
    return buffer.subarray(0, total);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${describeFsError(e)}`);
  } finally {
    closeSync(fd);
  }
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${describeFsError(e)}`);
  }
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Writes next to the target and renames, so a reader never sees half a list. */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${describeFsError(e)}`);
  }
}

/** Creates a file that must not exist yet (`wx`), with the given mode from the first byte on. */
export function writeNewFile(path: string, data: string, mode: number): void {
  try {
    writeFileSync(path, data, { mode, flag: 'wx' });
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${describeFsError(e)}`);
  }
}

export { describeFsError };
