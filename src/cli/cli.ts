/** `cordon`: the admin CLI. Dispatches to one module per command; every failure is one line on stderr. */
import { terminalSafe } from './terminal.ts';
import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { catalog } from './commands/catalog.ts';
import { cosign } from './commands/cosign.ts';
import { exportCommand } from './commands/export.ts';
import { fleet } from './commands/fleet.ts';
import { inspect } from './commands/inspect.ts';
import { keygen } from './commands/keygen.ts';
import { override } from './commands/override.ts';
import { policy } from './commands/policy.ts';
import { sign } from './commands/sign.ts';
import { verify } from './commands/verify.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors.ts';
import type { Io } from './io.ts';
import { installNodeSuffixRules } from './suffix-rules.ts';

// Every command that checks a domain needs the Public Suffix List: tldts's copy, as the build uses.
installNodeSuffixRules();

export const COMMANDS: readonly Command[] = [keygen, sign, cosign, verify, inspect, exportCommand, catalog, policy, fleet, override];

export const VERSION = '0.1.0';

const HELP = `Usage: cordon <command> [options]

Publish signed blocklists for Cordon-managed browsers.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)}${c.summary}`).join('\n')}

Run cordon <command> --help for a command's options. The format is described in
docs/blocklist-format.md.

Exit status: 0 success, 1 failure (invalid list, unreadable file, ...), 2 wrong usage.`;

/** parseArgs' messages run to several sentences; the first says what is wrong. */
function firstSentence(message: string): string {
  const cut = message.indexOf('. ');
  return cut < 0 ? message : message.slice(0, cut);
}

function isParseArgsError(e: unknown): e is Error & { code: string } {
  if (!(e instanceof Error)) return false;
  const code: unknown = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** One line, with nothing in it that could drive a terminal: messages quote files and arguments. */
function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*\n\s*/g, ' ').trim());
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const command = COMMANDS.find((c) => c.name === topic);
      if (topic !== undefined && command === undefined) throw new UsageError(`unknown command "${topic}" (see cordon --help)`);
      io.out(command?.help ?? HELP);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === '--version' || name === '-V') {
      io.out(VERSION);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) throw new UsageError(`unknown command "${name}" (see cordon --help)`);

    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      if (isParseArgsError(e)) throw new UsageError(`${command.name}: ${firstSentence(e.message)} (see cordon ${command.name} --help)`);
      throw e;
    }
    if (parsed.values.help === true) {
      io.out(command.help);
      return EXIT_OK;
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cordon: ${oneLine(e.message)}`);
      return EXIT_USAGE;
    }
    if (e instanceof CliError) {
      io.err(`cordon: ${oneLine(e.message)}`);
      for (const line of e.more) io.err(`cordon: ${oneLine(line)}`);
      return EXIT_FAILURE;
    }
    // A bug, not a user mistake; still one line, since the stack would only bury the message.
    io.err(`cordon: unexpected error: ${oneLine(e instanceof Error ? e.message : String(e))}`);
    return EXIT_FAILURE;
  }
}
