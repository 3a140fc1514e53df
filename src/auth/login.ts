import type { Db } from '../../db/client.ts';
import { dayOf } from '../platform/time.ts';
import { getDailySalt, hashVisitor } from '../tracking/visitors.ts';
import { clearFailures, getLockRemaining, recordFailure } from './lockout.ts';
import { sameSecret } from '../platform/secrets.ts';

export type LoginResult = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** The lockout key of a client: its IP hashed with the daily salt, never the IP itself. */
export async function getIpKey(db: Db, ip: string, now = new Date()): Promise<string> {
  return `ip:${hashVisitor(await getDailySalt(db, dayOf(now)), ip, 'stats-login')}`;
}

/**
 * Checks a password attempt (form or HTTP Basic) against the lockout, then the password.
 * While locked, even the right password is refused, so guessing cannot continue.
 */
export async function attemptLogin(db: Db, given: string, expected: string, ip: string, now = new Date()): Promise<LoginResult> {
  const ipKey = await getIpKey(db, ip, now);
  const remaining = await getLockRemaining(db, ipKey, now);
  if (remaining > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(remaining / 1000) };
  if (!sameSecret(given, expected)) {
    await recordFailure(db, ipKey, now);
    return { ok: false, reason: 'wrong' };
  }
  await clearFailures(db, ipKey);
  return { ok: true };
}
