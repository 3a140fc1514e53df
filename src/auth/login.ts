import type { Db } from '../../db/client.ts';
import { dayOf } from '../platform/time.ts';
import { getDailySalt, hashVisitor } from '../tracking/visitors.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { clearFailures, getLoginWait, recordFailure } from './lockout.ts';
import { sameSecret } from '../platform/secrets.ts';

export type LoginResult = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** The lockout key of a client: its IP hashed with the daily salt, never the IP itself. */
export async function getIpKey(db: Db, ip: string, now = new Date()): Promise<string> {
  return `ip:${hashVisitor(await getDailySalt(db, dayOf(now)), ip, 'stats-login')}`;
}

/**
 * Checks a password attempt (form or HTTP Basic) against the lockout, then the password.
 * While this address is locked, even the right password is refused, so guessing from it cannot
 * continue; while many addresses fail, every attempt first waits a little (`wait`), and the
 * right password still gets in.
 */
export async function attemptLogin(db: Db, given: string, expected: string, ip: string, now = new Date(), wait: (ms: number) => Promise<unknown> = sleep): Promise<LoginResult> {
  const ipKey = await getIpKey(db, ip, now);
  const { lockedMs, delayMs } = await getLoginWait(db, ipKey, now);
  if (lockedMs > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) };
  if (delayMs > 0) await wait(delayMs);
  if (!sameSecret(given, expected)) {
    await recordFailure(db, ipKey, now);
    return { ok: false, reason: 'wrong' };
  }
  await clearFailures(db, ipKey);
  return { ok: true };
}
