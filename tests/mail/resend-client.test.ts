import { describe, expect, test } from 'vitest';
import { parseRetryAfter } from '../../src/mail/resend-client.ts';

describe('parseRetryAfter', () => {
  test('reads seconds or an HTTP date, never a negative wait', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(new Date(1_000).toUTCString(), 4_000)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
