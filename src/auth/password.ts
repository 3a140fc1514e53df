import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a submitted password with the configured one in constant time. Both are hashed
 * first so neither the content nor the length of the real password leaks through timing.
 */
export function isCorrectPassword(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/** The password of an `Authorization: Basic …` header (any user name), or null. */
export function getBasicPassword(header: string | null): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}
