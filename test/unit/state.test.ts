import { describe, expect, it } from 'vitest';
import { createExclusive } from '../../src/core/exclusive.ts';
import { backoffDelayMinutes, initialDelayMinutes, MIN_DELAY_MINUTES, refreshDelayMinutes } from '../../src/core/schedule.ts';
import { isStale, nextWithdrawn, type EnforcedApp } from '../../src/core/state.ts';

const app = (id: string): EnforcedApp => ({ id, name: id.toUpperCase(), domains: [`${id}.example`], mode: 'block', reason: 'r' });

describe('nextWithdrawn', () => {
  it('records apps a new list leaves out, newest first, and forgets an app that comes back', () => {
    const first = nextWithdrawn([app('a'), app('b')], [app('a')], [], 't1');
    expect(first).toEqual([{ id: 'b', name: 'B', at: 't1', names: ['b.example'] }]);
    const second = nextWithdrawn([app('a')], [], first, 't2');
    expect(second).toEqual([{ id: 'a', name: 'A', at: 't2', names: ['a.example'] }, { id: 'b', name: 'B', at: 't1', names: ['b.example'] }]);
    expect(nextWithdrawn([], [app('b')], second, 't3')).toEqual([{ id: 'a', name: 'A', at: 't2', names: ['a.example'] }]);
  });
});

describe('isStale', () => {
  it('is true only for an expired list still in force', () => {
    const list = { listId: 'l', serial: 1, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', issuer: 'i', contact: 'mailto:a@b.example', signers: [], changes: [] };
    expect(isStale({ list }, new Date('2026-01-15T00:00:00Z'))).toBe(false);
    expect(isStale({ list }, new Date('2026-02-01T00:00:00Z'))).toBe(true);
    expect(isStale({}, new Date())).toBe(false);
  });
});

describe('schedule', () => {
  it('spreads checks with jitter and never asks for an alarm under 30 s', () => {
    expect(initialDelayMinutes(60, () => 0)).toBe(MIN_DELAY_MINUTES);
    expect(initialDelayMinutes(60, () => 0.5)).toBe(30);
    expect(refreshDelayMinutes(60, () => 0)).toBeCloseTo(54);
    expect(refreshDelayMinutes(60, () => 1)).toBeCloseTo(66);
  });

  it('backs off exponentially after failures, capped at the refresh period', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMinutes(n, 60, () => 1));
    expect(ceilings).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoffDelayMinutes(5, 60, () => 0)).toBe(8);
    expect(backoffDelayMinutes(1, 60, () => 0)).toBe(MIN_DELAY_MINUTES);
  });
});

describe('createExclusive', () => {
  it('never interleaves tasks, and a failing task does not block the next', async () => {
    const exclusive = createExclusive();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([exclusive(task('a', 30)), exclusive(task('b', 5, true)), exclusive(task('c', 1))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('decisionTime: the clock cannot be turned back past what Cordon has seen', () => {
  it('is the device clock, or the latest time seen when the device clock is earlier', async () => {
    const { decisionTime, nextSeenAt } = await import('../../src/core/state.ts');
    const list = { listId: 'l', serial: 1, issuedAt: '2026-06-10T00:00:00Z', expiresAt: '2026-07-01T00:00:00Z', issuer: 'i', contact: 'mailto:a@b.example', signers: [], changes: [] };
    expect(decisionTime({ seenAt: '2026-06-20T00:00:00.000Z', list }, new Date('2026-06-25T00:00:00Z')).toISOString()).toBe('2026-06-25T00:00:00.000Z');
    expect(decisionTime({ seenAt: '2026-06-20T00:00:00.000Z', list }, new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2026-06-20T00:00:00.000Z');
    expect(decisionTime({ list }, new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2026-06-10T00:00:00.000Z');
    expect(decisionTime(undefined, new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(nextSeenAt('2026-06-20T00:00:00.000Z', new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-20T00:00:00.000Z');
    expect(nextSeenAt(undefined, new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01T00:00:00.000Z');
  });
});
