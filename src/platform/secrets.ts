import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one constant-time comparison of a given secret (password, shared secret, signature)
 * with the expected one. Both are hashed first, so neither the content nor the length of the
 * expected value leaks through timing; an empty expected or given value never matches.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length > 0 && expected.length > 0;
}
