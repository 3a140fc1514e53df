import type { AstroCookies } from 'astro';
import { getClient, getDb, getSettings } from '../platform/server-settings.ts';
import { attemptLogin } from './login.ts';
import { getBasicPassword } from './password.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, isValidSession } from './sessions.ts';

export type Access = { ok: true } | { ok: false; status: 401 | 429 | 503; message: string; retryAfterSeconds?: number };

/** Headers every stats response carries: private, never cached, never indexed. */
export const PRIVATE_HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'same-origin' };

/**
 * Whether a request may read the stats: a session cookie, or (for scripts) HTTP Basic with the
 * password. Failures count against the client address (TRUST_PROXY), not the proxy's.
 */
export async function checkAccess(request: Request, cookies: AstroCookies, clientAddress: string, allowBasic: boolean): Promise<Access> {
  const password = getSettings().statsPassword;
  if (!password) return { ok: false, status: 503, message: 'The stats are off: set STATS_PASSWORD in the environment and restart Perch.' };
  const db = getDb();
  if (await isValidSession(db, cookies.get(SESSION_COOKIE)?.value)) return { ok: true };
  const given = allowBasic ? getBasicPassword(request.headers.get('authorization')) : null;
  if (given === null) return { ok: false, status: 401, message: 'Log in at /stats, or send the password with HTTP Basic (any user name).' };
  const result = await attemptLogin(db, given, password, getClient(request, clientAddress).ip);
  if (result.ok) return { ok: true };
  if (result.reason === 'locked') return { ok: false, status: 429, message: `Too many wrong passwords: try again in ${result.retryAfterSeconds} s.`, retryAfterSeconds: result.retryAfterSeconds };
  return { ok: false, status: 401, message: 'Wrong password.' };
}

/**
 * Sets the session cookie: HTTP-only, SameSite=Strict, limited to /stats, Secure when the
 * client came over https (a trusted proxy's X-Forwarded-Proto) or the site is https.
 */
export function setSessionCookie(cookies: AstroCookies, token: string, request: Request, clientAddress: string): void {
  const secure = getClient(request, clientAddress).protocol === 'https' || getSettings().siteUrl.startsWith('https:');
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/stats', maxAge: SESSION_TTL_MS / 1000 });
}
