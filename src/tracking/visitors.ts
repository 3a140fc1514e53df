import { hash, randomBytes } from 'node:crypto';
import { eq, notLike } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/settings.ts';

const SALT_KEY = 'visitor-salt';

// Today's salt per database, so a page view or a click batch does not read it every time.
// Only the current day's is held: a new day's first call replaces it.
const remembered = new WeakMap<Db, { day: string; value: string }>();

/**
 * The salt of the given day, shared through the database by every instance. Yesterday's
 * salt is overwritten, not kept, so a visitor hash cannot be linked across days.
 */
export async function getDailySalt(db: Db, day: string): Promise<string> {
  const known = remembered.get(db);
  if (known?.day === day) return known.value;
  const value = await readOrRotateSalt(db, day);
  remembered.set(db, { day, value });
  return value;
}

async function readOrRotateSalt(db: Db, day: string): Promise<string> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SALT_KEY));
  if (row?.value.startsWith(`${day}:`)) return row.value.slice(day.length + 1);
  const fresh = `${day}:${randomBytes(16).toString('hex')}`;
  await db
    .insert(settings)
    .values({ key: SALT_KEY, value: fresh })
    // Another instance may have rotated first: keep its salt for today.
    .onConflictDoUpdate({ target: settings.key, set: { value: fresh }, setWhere: notLike(settings.value, `${day}:%`) });
  const [now] = await db.select().from(settings).where(eq(settings.key, SALT_KEY));
  return now!.value.slice(day.length + 1);
}

/** A visitor id: hash of salt + IP + user agent. The IP itself is never stored. */
export function hashVisitor(salt: string, ip: string, userAgent: string): string {
  return hash('sha256', `${salt}|${ip}|${userAgent}`, 'base64url').slice(0, 22);
}
