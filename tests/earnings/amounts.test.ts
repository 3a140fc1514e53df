import { describe, expect, test } from 'vitest';
import { formatCents, parseAmountCents, parseReportDate } from '../../src/earnings/amounts.ts';

describe('parseAmountCents', () => {
  test.each([
    ['12.34', 1234],
    ['$1,234.56', 123456],
    ['1234,56', 123456],
    ['12,5', 1250],
    ['1.234,56', 123456],
    ['1,234', 123400],
    ['1,234,567.8', 123456780],
    ['-4.47', -447],
    ['$-4.47', -447],
    ['-$4.47', -447],
    ['(4.47)', -447],
    ['4.47-', -447],
    ['1234.56 USD', 123456],
    ['EUR 12', 1200],
    ['€ 3.50', 350],
    ['0.125', 13],
    ['12.3449', 1234],
    ['0', 0],
  ])('%s → %i cents', (text, cents) => {
    expect(parseAmountCents(text)).toBe(cents);
  });

  test.each(['', 'abc', '12abc', '1.2.3', '12,3456', '1,23,4', '--5', undefined])('refuses %s', (text) => {
    expect(parseAmountCents(text)).toBeNull();
  });
});

describe('parseReportDate', () => {
  test.each([
    ['2026-03-14', '2026-03-14T00:00:00.000Z'],
    ['2026-03-05 00:00:00', '2026-03-05T00:00:00.000Z'],
    ['2026-03-06T14:22:10-05:00', '2026-03-06T19:22:10.000Z'],
    ['2026-03-14T18:03:11-0700', '2026-03-15T01:03:11.000Z'],
    ['03/10/2026 11:42:07 AM', '2026-03-10T11:42:07.000Z'],
    ['03/11/2026 08:15:00 PM', '2026-03-11T20:15:00.000Z'],
    ['12/01/2026 12:05:00 AM', '2026-12-01T00:05:00.000Z'],
    ['3/18/26 14:05:00', '2026-03-18T14:05:00.000Z'],
    ['14-Mar-2026', '2026-03-14T00:00:00.000Z'],
    ['Mar 14, 2026', '2026-03-14T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseReportDate(text)?.toISOString()).toBe(iso);
  });

  test.each(['', 'yesterday', '2026-02-30', '13/01/2026', '2026-03-14T25:00'])('refuses %s', (text) => {
    expect(parseReportDate(text)).toBeNull();
  });
});

test('formatCents writes money for people', () => {
  expect(formatCents(123456, 'USD')).toBe('$1,234.56');
  expect(formatCents(-447, 'USD')).toBe('-$4.47');
});
