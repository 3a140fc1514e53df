import type { APIRoute } from 'astro';
import { getDb } from '../../platform/server-settings.ts';
import { deleteSession } from '../../auth/sessions.ts';
import { clearSessionCookies, getSessionToken, PRIVATE_HEADERS } from '../../auth/page-auth.ts';

export const prerender = false;

/** POST /stats/logout: ends the session in the database and clears the cookie. */
export const POST: APIRoute = async ({ cookies, redirect }) => {
  await deleteSession(getDb(), getSessionToken(cookies));
  clearSessionCookies(cookies);
  const response = redirect('/stats', 303);
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) response.headers.set(name, value);
  return response;
};
