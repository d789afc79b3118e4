/**
 * Loading and running the committed verification vectors. `runVector` takes the verifier as a
 * parameter so the same vectors run against src/core in Node, through the `cordon` CLI, and inside the
 * extension's service worker in a real browser (where `verify` evaluates in the worker).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReasonCode, VerifyContextJson } from '../../src/core/blocklist/index.ts';

export const VECTORS_DIR = dirname(fileURLToPath(import.meta.url));

export type Expectation =
  | { readonly ok: true; readonly status: 'new' | 'unchanged'; readonly signers: readonly string[] }
  | { readonly ok: false; readonly reason: ReasonCode };

export interface TestVector {
  readonly name: string;
  readonly description: string;
  /** The envelope's exact bytes as text; `envelopeBase64` instead when they are not UTF-8. */
  readonly envelope?: string;
  readonly envelopeBase64?: string;
  readonly context: VerifyContextJson;
  readonly expect: Expectation;
}

/** A break-glass override code (src/core/override-code.ts) and what the browser must make of it. */
export interface OverrideVector {
  readonly name: string;
  readonly description: string;
  readonly code: string;
  readonly context: { readonly installId: string; readonly appId: string; readonly trustedKeys: readonly string[]; readonly threshold: number; readonly now: string };
  readonly expect: { readonly ok: true; readonly until: string; readonly signers: readonly string[] } | { readonly ok: false; readonly refusal: string };
}

export function loadOverrideVectors(): OverrideVector[] {
  return JSON.parse(readFileSync(join(VECTORS_DIR, 'overrides.json'), 'utf8')) as OverrideVector[];
}

/** What a verifier reports, reduced to what the vectors assert. */
export type Outcome =
  | { readonly ok: true; readonly status: string; readonly signers: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export function loadVectors(): TestVector[] {
  const dir = join(VECTORS_DIR, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TestVector);
}

/** The envelope bytes, exactly. Buffer is avoided so this also runs where only web APIs exist. */
export function envelopeBytes(vector: TestVector): Uint8Array {
  if (vector.envelope !== undefined) return new TextEncoder().encode(vector.envelope);
  if (vector.envelopeBase64 !== undefined) return Uint8Array.from(atob(vector.envelopeBase64), (c) => c.charCodeAt(0));
  throw new Error(`vector ${vector.name} has no envelope`);
}

/** Undefined when the outcome matches, else a sentence saying how it differs. */
export function mismatch(vector: TestVector, outcome: Outcome): string | undefined {
  const want = vector.expect;
  if (want.ok && outcome.ok) {
    if (outcome.status !== want.status) return `${vector.name}: status ${outcome.status}, expected ${want.status}`;
    if (JSON.stringify(outcome.signers) !== JSON.stringify(want.signers)) {
      return `${vector.name}: signers ${outcome.signers.join(',')}, expected ${want.signers.join(',')}`;
    }
    return undefined;
  }
  if (!want.ok && !outcome.ok) return outcome.reason === want.reason ? undefined : `${vector.name}: ${outcome.reason}, expected ${want.reason}`;
  return `${vector.name}: ${outcome.ok ? 'accepted' : `rejected (${outcome.reason})`}, expected ${want.ok ? 'acceptance' : `rejection (${want.reason})`}`;
}

/** Runs every vector through `verify`; returns the mismatches (empty when all pass). */
export async function runVectors(
  vectors: readonly TestVector[],
  verify: (bytes: Uint8Array, context: VerifyContextJson) => Promise<Outcome>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const vector of vectors) {
    const problem = mismatch(vector, await verify(envelopeBytes(vector), vector.context));
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

export function vectorNamed(vectors: readonly TestVector[], name: string): TestVector {
  const vector = vectors.find((v) => v.name === name);
  if (vector === undefined) throw new Error(`no vector named ${name}`);
  return vector;
}

/** For tests: a value the test's own setup guarantees, failing loudly if it is missing. */
export function defined<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
