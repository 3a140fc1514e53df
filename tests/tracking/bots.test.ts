import { describe, expect, test } from 'vitest';
import { classifyHit } from '../../src/tracking/bots.ts';
import { FETCHERS, PEOPLE } from '../support/user-agents.ts';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('classifyHit', () => {
  test.each(PEOPLE)('counts $name', ({ ua }) => {
    expect(classifyHit('GET', headers({ 'user-agent': ua }))).toBeNull();
  });

  test.each(FETCHERS)('filters $name as $reason', ({ ua, reason }) => {
    expect(classifyHit('GET', headers({ 'user-agent': ua }))).toBe(reason);
  });

  test('filters HEAD requests from a real browser', () => {
    expect(classifyHit('HEAD', headers({ 'user-agent': PEOPLE[0]!.ua }))).toBe('head');
  });

  test.each([
    ['Chrome prefetch', { 'sec-purpose': 'prefetch' }],
    ['Chrome prerender', { 'sec-purpose': 'prefetch;prerender' }],
    ['legacy Purpose header', { purpose: 'prefetch' }],
    ['Firefox prefetch', { 'x-moz': 'prefetch' }],
    ['Safari preview', { 'x-purpose': 'preview' }],
  ])('filters a %s of a real browser', (_name, extra) => {
    expect(classifyHit('GET', headers({ 'user-agent': PEOPLE[0]!.ua, ...extra }))).toBe('prefetch');
  });
});
