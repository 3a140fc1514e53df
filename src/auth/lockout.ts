import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { statsLoginFailures } from '../../db/schema/stats.ts';

/**
 * Failures before the policy acts: per hashed IP (that address is locked out for a while) and
 * in total (a flood from many addresses: every attempt is slowed, never refused, so a flood
 * cannot lock the creator out of their own stats).
 */
export const LOCK_AFTER = { ip: 5, global: 50 } as const;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Each failure past the global threshold slows every attempt by this much more, up to the cap. */
const GLOBAL_STEP_MS = 100;
export const MAX_GLOBAL_DELAY_MS = 2_000;
// A quiet hour forgets old failures, so a typo last week does not count against today.
const FORGET_AFTER_MS = 60 * 60_000;

export const GLOBAL_KEY = 'global';

/** What stands before an attempt: a lock of this address (refused), and a delay for everyone (waited out). */
export interface LoginWait {
  /** Milliseconds until this address may try again (0 = now). */
  lockedMs: number;
  /** Milliseconds every attempt waits before it is checked while many addresses are failing. */
  delayMs: number;
}

export async function getLoginWait(db: Db, ipKey: string, now = new Date()): Promise<LoginWait> {
  const rows = await db.select().from(statsLoginFailures).where(inArray(statsLoginFailures.key, [ipKey, GLOBAL_KEY]));
  const own = rows.find((r) => r.key === ipKey);
  const all = rows.find((r) => r.key === GLOBAL_KEY);
  const recent = all && now.getTime() - all.lastFailureAt.getTime() <= FORGET_AFTER_MS ? all.failures : 0;
  return {
    lockedMs: own ? Math.max(0, own.lockedUntil.getTime() - now.getTime()) : 0,
    delayMs: recent >= LOCK_AFTER.global ? Math.min(MAX_GLOBAL_DELAY_MS, GLOBAL_STEP_MS * (recent - LOCK_AFTER.global + 1)) : 0,
  };
}

/** Milliseconds until another attempt is allowed for this IP key (0 = allowed now). */
export async function getLockRemaining(db: Db, ipKey: string, now = new Date()): Promise<number> {
  return (await getLoginWait(db, ipKey, now)).lockedMs;
}

/**
 * Counts a failed attempt for the IP key and globally. Past its threshold each further
 * failure locks the IP for twice as long as the last (30 s, 1 min, 2 min … up to 15 min);
 * the global count only ever slows attempts (getLoginWait).
 */
export async function recordFailure(db: Db, ipKey: string, now = new Date()): Promise<void> {
  for (const [key, limit] of [[ipKey, LOCK_AFTER.ip], [GLOBAL_KEY, Infinity]] as const) {
    const [row] = await db.select().from(statsLoginFailures).where(eq(statsLoginFailures.key, key));
    const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const lockMs = failures >= limit ? Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - limit)) : 0;
    const values = { key, failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMs) };
    await db.insert(statsLoginFailures).values(values).onConflictDoUpdate({ target: statsLoginFailures.key, set: values });
  }
}

/** Forgets an IP key's failures after a successful login (the global count decays by time). */
export async function clearFailures(db: Db, ipKey: string): Promise<void> {
  await db.delete(statsLoginFailures).where(eq(statsLoginFailures.key, ipKey));
}
