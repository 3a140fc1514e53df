import { expect, test } from 'vitest';
import { DAY_MS, dayOf, startOfDay } from '../../src/platform/time.ts';

test('days are UTC calendar days, from dates and from milliseconds', () => {
  expect(dayOf(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
  expect(dayOf(Date.parse('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
  expect(dayOf(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  expect(startOfDay('2024-02-29') + DAY_MS).toBe(startOfDay('2024-03-01'));
  expect(dayOf(startOfDay('2026-12-31'))).toBe('2026-12-31');
});
