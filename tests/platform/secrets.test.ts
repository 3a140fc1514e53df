import { expect, test } from 'vitest';
import { sameSecret } from '../../src/platform/secrets.ts';

test('sameSecret compares whole secrets and refuses empty ones', () => {
  expect(sameSecret('abc', 'abc')).toBe(true);
  expect(sameSecret('abd', 'abc')).toBe(false);
  expect(sameSecret('ab', 'abc')).toBe(false);
  expect(sameSecret('abcd', 'abc')).toBe(false);
  expect(sameSecret('', '')).toBe(false);
  expect(sameSecret('x', '')).toBe(false);
  expect(sameSecret('pässwörd', 'pässwörd')).toBe(true);
});
