/**
 * Errors the CLI turns into one line on stderr. Anything else is a bug, still reported in one line:
 * an admin should never have to read a stack trace to learn they mistyped a path.
 */

/** The command line itself is wrong (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command ran and failed: a bad file, an invalid list, a refused signature (exit 1). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** Further one-line problems, each printed on its own line. */
    readonly more: readonly string[] = [],
  ) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
