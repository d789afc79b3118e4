/** Summaries of timing samples: median, p95 and min are what the report quotes. */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: median(sorted),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1),
  };
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed with performance.now(). Returns the timed
 * samples in milliseconds, and the first (cold) call's time separately: code that runs once per list
 * update in a fresh service worker runs cold.
 */
export async function timeRuns(
  fn: () => unknown,
  { warmup, runs }: { warmup: number; runs: number },
): Promise<{ first: number; samples: number[] }> {
  let first = Number.NaN;
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    await fn();
    if (i === 0) first = performance.now() - t0;
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  if (Number.isNaN(first)) first = samples[0] ?? Number.NaN;
  return { first, samples };
}

/**
 * Bootstrap interval of the median (percentile method, seeded; 95 % unless `level` says otherwise): how
 * far the median could move on this much noisy data. Used for the page-load ratio, whose goal (1 %) is
 * near the noise.
 */
export function bootstrapMedianInterval(values: readonly number[], random: () => number, iterations = 2000, level = 0.95): [number, number] {
  if (values.length === 0) return [Number.NaN, Number.NaN];
  const medians: number[] = [];
  const sample = new Array<number>(values.length);
  for (let i = 0; i < iterations; i++) {
    for (let j = 0; j < values.length; j++) sample[j] = values[Math.floor(random() * values.length)] ?? Number.NaN;
    medians.push(median(sample));
  }
  return centralRange(medians, level);
}

/**
 * Bootstrap interval of the median over `clusters` (groups of values that share a condition, such as
 * one launch of a browser): each resample draws whole clusters with replacement and takes the median
 * of their values pooled, so the interval covers the variation between clusters as well as within
 * them. With one cluster it has nothing to say about the first, and returns NaN.
 */
export function bootstrapClusteredMedianInterval(
  clusters: readonly (readonly number[])[],
  random: () => number,
  iterations = 2000,
  level = 0.95,
): [number, number] {
  if (clusters.length < 2) return [Number.NaN, Number.NaN];
  const medians: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const pooled: number[] = [];
    for (let j = 0; j < clusters.length; j++) pooled.push(...(clusters[Math.floor(random() * clusters.length)] ?? []));
    medians.push(median(pooled));
  }
  return centralRange(medians, level);
}

/** The central `level` share of bootstrap estimates (percentile method). */
function centralRange(estimates: number[], level: number): [number, number] {
  estimates.sort((a, b) => a - b);
  const tail = ((1 - level) / 2) * 100;
  return [percentile(estimates, tail), percentile(estimates, 100 - tail)];
}
