import { terminalSafe } from './terminal.ts';

/** What a command may touch besides the file system: injected so tests can run commands in-process. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => Date;
  /**
   * Standard output as bytes, unchanged: for a generated file (a zone, a CSV) that must be exactly what
   * `--out` would write. Only verified, generated content goes here, never a message.
   */
  readonly raw?: (text: string) => void;
}

/**
 * The real streams. Every line passes through `terminalSafe` on its way out: commands print values from
 * files they have not verified (and errors quoting them), and no byte of those may drive the terminal.
 */
export const processIo: Io = {
  out: (line) => process.stdout.write(`${terminalSafe(line, true)}\n`),
  err: (line) => process.stderr.write(`${terminalSafe(line, true)}\n`),
  now: () => new Date(),
  raw: (text) => process.stdout.write(text),
};
