/**
 * The fleet simulation behind `npm run bench` (bench/fleet.ts), on a small fleet with fixed seeds:
 * its bookkeeping, not its timing.
 */
import { describe, expect, it } from 'vitest';
import { horizonMinutes, simulateFleet, timeToShare, type FleetOptions } from '../../bench/fleet.ts';

const sum = (values: Int32Array) => values.reduce((a, b) => a + b, 0);

describe('fleet simulation', () => {
  const cases: [string, FleetOptions][] = [
    ['steady, no failures', { browsers: 2_000, onlineShare: 0.7, refreshMinutes: 15, seed: 42 }],
    ['steady, 5 % of checks fail', { browsers: 2_000, onlineShare: 0.7, refreshMinutes: 15, seed: 7, failureRate: 0.05 }],
    ['morning arrivals', { browsers: 2_000, onlineShare: 0.6, refreshMinutes: 10, seed: 3, arrival: { kind: 'morning', fromMinutes: -30, spreadMinutes: 60 } }],
  ];

  it.each(cases)('%s: every online browser ends up holding the new serial, once', (_label, options) => {
    const run = simulateFleet(options);
    expect(run.online).toBeGreaterThan(options.browsers * options.onlineShare * 0.9);
    expect(run.online).toBeLessThan(options.browsers * options.onlineShare * 1.1);
    expect(run.heldAt.length).toBe(run.online);
    const horizon = horizonMinutes(options) * 60;
    const outside = run.heldAt.filter((t) => !(Number.isFinite(t) && t >= 0 && t <= horizon));
    expect(outside.length).toBe(0);
    // Exactly one 200 per browser: the first successful check after the publish.
    expect(run.status.ok).toBe(run.online);
  });

  it.each(cases)('%s: requests are the sum of the checks, in the bins and by answer', (_label, options) => {
    const run = simulateFleet(options);
    expect(run.requests).toBe(run.checks);
    expect(run.requests).toBe(run.status.ok + run.status.notModified + run.status.failed);
    expect(sum(run.perSecond)).toBe(run.requests);
    const hour = run.statusFirstHour;
    expect(hour.ok + hour.notModified + hour.failed).toBeLessThanOrEqual(run.requests);
    if (!options.failureRate) expect(run.status.failed).toBe(0);
    else expect(run.status.failed).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const [, options] = cases[1] as [string, FleetOptions];
    const a = simulateFleet(options);
    const b = simulateFleet(options);
    expect(b.perSecond).toEqual(a.perSecond);
    expect(b.heldAt).toEqual(a.heldAt);
    expect(simulateFleet({ ...options, seed: options.seed + 1 }).requests).not.toBe(a.requests);
  });

  it('without failures, every browser online at the publish has it within one jittered period', () => {
    const [, options] = cases[0] as [string, FleetOptions];
    const run = simulateFleet(options);
    const period = options.refreshMinutes * 60;
    expect(timeToShare(run, 0.5)).toBeLessThanOrEqual(timeToShare(run, 0.99));
    expect(timeToShare(run, 0.99)).toBeLessThanOrEqual(timeToShare(run, 1));
    expect(timeToShare(run, 1)).toBeLessThanOrEqual(period * 1.1);
    // Polling: about one request per browser per period.
    const perPeriod = run.requests / ((horizonMinutes(options) * 60 - run.startSecond) / period);
    expect(perPeriod / run.online).toBeGreaterThan(0.9);
    expect(perPeriod / run.online).toBeLessThan(1.1);
  });
});
