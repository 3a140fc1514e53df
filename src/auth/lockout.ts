import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { statsLoginFailures } from '../../db/schema/stats.ts';

/** Failures allowed before a lock, per hashed IP and in total (the total guards against many IPs). */
export const LOCK_AFTER = { ip: 5, global: 50 } as const;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
// A quiet hour forgets old failures, so a typo last week does not count against today.
const FORGET_AFTER_MS = 60 * 60_000;

export const GLOBAL_KEY = 'global';

/** Milliseconds until another attempt is allowed for this IP key (0 = allowed now). */
export async function getLockRemaining(db: Db, ipKey: string, now = new Date()): Promise<number> {
  const rows = await db.select().from(statsLoginFailures).where(inArray(statsLoginFailures.key, [ipKey, GLOBAL_KEY]));
  return Math.max(0, ...rows.map((r) => r.lockedUntil.getTime() - now.getTime()));
}

/**
 * Counts a failed attempt for the IP key and globally. Past the threshold each further
 * failure locks for twice as long as the last (30 s, 1 min, 2 min … up to 15 min).
 */
export async function recordFailure(db: Db, ipKey: string, now = new Date()): Promise<void> {
  for (const [key, limit] of [[ipKey, LOCK_AFTER.ip], [GLOBAL_KEY, LOCK_AFTER.global]] as const) {
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
