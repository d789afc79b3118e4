/** What every benchmark module provides to the orchestrator (bench/run.ts). */
import type { Machine } from './machine.ts';

export interface BenchContext {
  /** A smoke run: fewer iterations and sizes, same code paths. */
  readonly quick: boolean;
  /** Raw results and scratch files: test-results/bench/ (gitignored). */
  readonly rawDir: string;
  /** A private copy of dist/, taken once per run, so a concurrent rebuild cannot swap it mid-run. */
  readonly dist: string;
  readonly machine: Machine;
  log(message: string): void;
}

/** `inconclusive`: the measurement's own uncertainty straddles the goal. */
export type Verdict = 'met' | 'missed' | 'inconclusive' | 'not measured' | 'info';

/** One line of the summary table at the top of docs/performance.md. */
export interface Headline {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

export interface Section {
  readonly markdown: string;
  readonly headlines: readonly Headline[];
}

export interface Benchmark<R = unknown> {
  readonly id: 'compile' | 'verify' | 'browser' | 'bundle' | 'start' | 'fleet' | 'fleet-reports';
  readonly title: string;
  run(ctx: BenchContext): Promise<R>;
  report(result: R, ctx: BenchContext): Section;
}
