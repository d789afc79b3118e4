import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/lib/random.ts';
import { bootstrapClusteredMedianInterval, bootstrapMedianInterval, median } from '../../bench/lib/stats.ts';

describe('bootstrapMedianInterval', () => {
  const values = Array.from({ length: 400 }, (_, i) => 1 + Math.sin(i * 12.9898) * 0.1);

  it('gives a wider interval at a higher level, both around the median', () => {
    const at95 = bootstrapMedianInterval(values, seededRandom(1));
    const at99 = bootstrapMedianInterval(values, seededRandom(1), 2000, 0.99);
    const m = median(values);
    expect(at95[0]).toBeLessThanOrEqual(m);
    expect(at95[1]).toBeGreaterThanOrEqual(m);
    expect(at99[0]).toBeLessThan(at95[0]);
    expect(at99[1]).toBeGreaterThan(at95[1]);
  });

  it('narrows as the data grows (as the square root of its size, roughly)', () => {
    const width = (v: readonly number[]) => {
      const [low, high] = bootstrapMedianInterval(v, seededRandom(2));
      return high - low;
    };
    const four = [...values, ...values, ...values, ...values].map((v, i) => v + i * 1e-9);
    expect(width(four)).toBeLessThan(width(values) * 0.7);
    expect(width(four)).toBeGreaterThan(width(values) * 0.3);
  });

  it('has no width when every value is the same, and none at all without values', () => {
    expect(bootstrapMedianInterval([1.02, 1.02, 1.02], seededRandom(3))).toEqual([1.02, 1.02]);
    expect(bootstrapMedianInterval([], seededRandom(3)).every(Number.isNaN)).toBe(true);
  });
});

describe('bootstrapClusteredMedianInterval', () => {
  const noise = (seed: number, n: number, centre: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => centre + (random() - 0.5) * 0.1);
  };

  it('is wider than the pooled interval when the clusters sit at different levels', () => {
    const clusters = [noise(1, 100, 0.96), noise(2, 100, 1.0), noise(3, 100, 1.04), noise(4, 100, 0.98), noise(5, 100, 1.02)];
    const [pooledLow, pooledHigh] = bootstrapMedianInterval(clusters.flat(), seededRandom(6));
    const [low, high] = bootstrapClusteredMedianInterval(clusters, seededRandom(6));
    expect(high - low).toBeGreaterThan((pooledHigh - pooledLow) * 2);
    expect(low).toBeLessThanOrEqual(median(clusters.flat()));
    expect(high).toBeGreaterThanOrEqual(median(clusters.flat()));
  });

  it('is about as wide as the pooled interval when the clusters agree', () => {
    const clusters = [1, 2, 3, 4, 5].map((seed) => noise(seed, 100, 1));
    const [pooledLow, pooledHigh] = bootstrapMedianInterval(clusters.flat(), seededRandom(7));
    const [low, high] = bootstrapClusteredMedianInterval(clusters, seededRandom(7));
    expect(high - low).toBeLessThan((pooledHigh - pooledLow) * 1.6);
  });

  it('says nothing from one cluster', () => {
    expect(bootstrapClusteredMedianInterval([noise(1, 100, 1)], seededRandom(8)).every(Number.isNaN)).toBe(true);
  });
});
