import { describe, expect, test } from 'vitest';
import { daysOf, getPeriod, msOf, parsePeriodId, splitByMonth } from '../../src/stats/period.ts';

const now = new Date('2026-11-21T15:00:00Z');

describe('getPeriod', () => {
  test('7 days ends today and is compared with the 7 days before', () => {
    const p = getPeriod('7', now, '2025-01-01');
    expect(p.current).toEqual({ from: '2026-11-15', to: '2026-11-21' });
    expect(p.previous).toEqual({ from: '2026-11-08', to: '2026-11-14' });
    expect(daysOf(p.current)).toHaveLength(7);
    expect(daysOf(p.previous!)).toHaveLength(7);
  });

  test('all time starts at the first day with data and has nothing to compare with', () => {
    const p = getPeriod('all', now, '2026-02-03');
    expect(p.current).toEqual({ from: '2026-02-03', to: '2026-11-21' });
    expect(p.previous).toBeNull();
    expect(getPeriod('all', now, null).current.from).toBe('2026-11-21');
  });

  test('unknown values fall back to 30 days', () => {
    expect(parsePeriodId('365')).toBe('30');
    expect(parsePeriodId(null)).toBe('30');
    expect(parsePeriodId('90')).toBe('90');
  });
});

test('msOf covers whole UTC days, end excluded', () => {
  const { start, end } = msOf({ from: '2026-11-20', to: '2026-11-21' });
  expect(new Date(start).toISOString()).toBe('2026-11-20T00:00:00.000Z');
  expect(new Date(end).toISOString()).toBe('2026-11-22T00:00:00.000Z');
});

describe('splitByMonth', () => {
  test('uses whole past months and reads the edges day by day', () => {
    expect(splitByMonth({ from: '2026-08-24', to: '2026-11-21' }, '2026-11-21')).toEqual({
      months: { from: '2026-09', to: '2026-10' },
      days: [{ from: '2026-08-24', to: '2026-08-31' }, { from: '2026-11-01', to: '2026-11-21' }],
    });
  });

  test('never uses the current month, even when the range covers it whole', () => {
    expect(splitByMonth({ from: '2026-10-01', to: '2026-11-30' }, '2026-11-30')).toEqual({
      months: { from: '2026-10', to: '2026-10' },
      days: [{ from: '2026-11-01', to: '2026-11-30' }],
    });
  });

  test('a range without a whole month is read day by day', () => {
    expect(splitByMonth({ from: '2026-11-15', to: '2026-11-21' }, '2026-11-21')).toEqual({ months: null, days: [{ from: '2026-11-15', to: '2026-11-21' }] });
    expect(splitByMonth({ from: '2026-01-31', to: '2026-03-01' }, '2026-11-21')).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [{ from: '2026-01-31', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-01' }],
    });
  });
});
