import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * Writes next to the target and renames, so a reader never sees half a file. The temporary file has a
 * random name and is created exclusively (`O_CREAT | O_EXCL`, which also refuses to follow a symlink
 * planted at that name, and `O_NOFOLLOW`): in a shared directory another user can neither predict it
 * nor redirect the write elsewhere.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    created = true;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(tmp, { force: true });
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
