import type { ParseArgsConfig } from 'node:util';
import type { Io } from './io.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  readonly options: Options;
  readonly run: (values: Values, positionals: readonly string[], io: Io) => Promise<number>;
}
