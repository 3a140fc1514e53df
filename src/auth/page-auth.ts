import type { AstroCookies } from 'astro';
import { getClient, getDb, getSettings } from '../platform/server-settings.ts';
import { readForm } from '../platform/http/body.ts';
import { BODY_LIMITS } from '../platform/http/limits.ts';
import { attemptLogin } from './login.ts';
import { createSession } from './sessions.ts';
import { getBasicPassword } from './password.ts';
import { SESSION_COOKIES, SESSION_TTL_MS, isValidSession } from './sessions.ts';

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
  if (await isValidSession(db, getSessionToken(cookies))) return { ok: true };
  const given = allowBasic ? getBasicPassword(request.headers.get('authorization')) : null;
  if (given === null) return { ok: false, status: 401, message: 'Log in at /stats, or send the password with HTTP Basic (any user name).' };
  const result = await attemptLogin(db, given, password, getClient(request, clientAddress).ip);
  if (result.ok) return { ok: true };
  if (result.reason === 'locked') return { ok: false, status: 429, message: `Too many wrong passwords: try again in ${result.retryAfterSeconds} s.`, retryAfterSeconds: result.retryAfterSeconds };
  return { ok: false, status: 401, message: 'Wrong password.' };
}

/** The session token of the request: the /stats or the /studio cookie (both carry the same session). */
export function getSessionToken(cookies: AstroCookies): string | undefined {
  return SESSION_COOKIES.map((c) => cookies.get(c.name)?.value).find(Boolean);
}

/** Clears both session cookies (logout). */
export function clearSessionCookies(cookies: AstroCookies): void {
  for (const c of SESSION_COOKIES) cookies.delete(c.name, { path: c.path });
}

/**
 * Sets the session cookies, one login for /stats and /studio: HTTP-only, SameSite=Strict,
 * each limited to its own path (public pages never carry them), Secure when the client came
 * over https (a trusted proxy's X-Forwarded-Proto) or the site is https.
 */
export function setSessionCookie(cookies: AstroCookies, token: string, request: Request, clientAddress: string): void {
  const secure = getClient(request, clientAddress).protocol === 'https' || getSettings().siteUrl.startsWith('https:');
  for (const c of SESSION_COOKIES) cookies.set(c.name, token, { httpOnly: true, sameSite: 'strict', secure, path: c.path, maxAge: SESSION_TTL_MS / 1000 });
}

export type FormLogin = { ok: true } | { ok: false; status: 401 | 429; error: string };

/**
 * Handles a submitted login form (the one creator login of /stats and /studio): on success
 * the session cookies are set; otherwise the status and a sentence to show, with Retry-After
 * set on the response while locked.
 */
export async function loginFromForm(request: Request, cookies: AstroCookies, clientAddress: string, responseHeaders: Headers): Promise<FormLogin> {
  const password = getSettings().statsPassword;
  const form = await readForm(request, BODY_LIMITS['/stats']);
  const given = form.ok ? form.value.get('password') : null;
  const result = await attemptLogin(getDb(), typeof given === 'string' ? given.slice(0, 1000) : '', password ?? '', getClient(request, clientAddress).ip);
  if (result.ok) {
    setSessionCookie(cookies, await createSession(getDb()), request, clientAddress);
    return { ok: true };
  }
  if (result.reason === 'wrong') return { ok: false, status: 401, error: 'That password is not right.' };
  responseHeaders.set('Retry-After', String(result.retryAfterSeconds));
  return { ok: false, status: 429, error: `Too many wrong passwords. Try again in ${result.retryAfterSeconds} seconds.` };
}
