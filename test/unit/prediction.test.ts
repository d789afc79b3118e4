import { describe, expect, it } from 'vitest';
import { nextPredictionRecord, predictionStatus } from '../../src/core/prediction.ts';

describe('predictionStatus: is network prediction off, and if not, whose doing is it?', () => {
  it.each([
    [{ value: false, levelOfControl: 'controlled_by_this_extension' }, 'off'],
    [{ value: false, levelOfControl: 'not_controllable' }, 'off'],
    [{ value: false, levelOfControl: 'controlled_by_other_extensions' }, 'off'],
    [{ value: true, levelOfControl: 'controllable_by_this_extension' }, 'turn-off'],
    [{ value: true, levelOfControl: 'controlled_by_this_extension' }, 'turn-off'],
    [{ value: true, levelOfControl: 'controlled_by_other_extensions' }, 'taken-over'],
    [{ value: true, levelOfControl: 'not_controllable' }, 'forced-on'],
  ] as const)('%j: %s', (setting, status) => {
    expect(predictionStatus(setting)).toBe(status);
  });
});

describe('nextPredictionRecord', () => {
  it('records a take-over once, keeps its first time, and forgets it when prediction is off again', () => {
    const first = nextPredictionRecord(undefined, 'taken-over', 't1');
    expect(first).toEqual({ status: 'taken-over', at: 't1' });
    expect(nextPredictionRecord(first, 'taken-over', 't2')).toBe(first);
    expect(nextPredictionRecord(first, 'forced-on', 't3')).toEqual({ status: 'forced-on', at: 't3' });
    expect(nextPredictionRecord(first, 'off', 't4')).toBeUndefined();
    expect(nextPredictionRecord(undefined, 'turn-off', 't5')).toBeUndefined();
  });
});
