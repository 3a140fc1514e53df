import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { statsSessions } from '../../db/schema/stats.ts';

export const SESSION_COOKIE = 'perch_stats';
/** The same session's cookie for /studio: one login, each cookie sent only to its own pages. */
export const STUDIO_COOKIE = 'perch_studio';
/** Where each session cookie is sent. */
export const SESSION_COOKIES = [
  { name: SESSION_COOKIE, path: '/stats' },
  { name: STUDIO_COOKIE, path: '/studio' },
] as const;
/** Sessions last 30 days; logging out ends one at once. */
export const SESSION_TTL_MS = 30 * 86_400_000;

// Only a hash of the token is stored, so a copy of the database cannot be used to log in.
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Starts a session and returns its random token (the cookie's value). */
export async function createSession(db: Db, now = new Date()): Promise<string> {
  await db.delete(statsSessions).where(lt(statsSessions.expiresAt, now));
  const token = randomBytes(32).toString('base64url');
  await db.insert(statsSessions).values({ tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return token;
}

/** Whether a cookie's token belongs to a live session. */
export async function isValidSession(db: Db, token: string | undefined, now = new Date()): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const [row] = await db.select().from(statsSessions).where(eq(statsSessions.tokenHash, hashToken(token)));
  return !!row && row.expiresAt.getTime() > now.getTime();
}

/** Ends a session (logout). Unknown tokens are ignored. */
export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(statsSessions).where(eq(statsSessions.tokenHash, hashToken(token)));
}

/** Ends every session ("log out everywhere"): a phone left logged in somewhere is logged out too. */
export async function deleteAllSessions(db: Db): Promise<void> {
  await db.delete(statsSessions);
}
