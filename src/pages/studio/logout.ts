import type { APIRoute } from 'astro';
import { getDb } from '../../platform/server-settings.ts';
import { readForm } from '../../platform/http/body.ts';
import { bodyLimitFor } from '../../platform/http/limits.ts';
import { deleteAllSessions, deleteSession } from '../../auth/sessions.ts';
import { clearSessionCookies, getSessionToken, PRIVATE_HEADERS } from '../../auth/page-auth.ts';
import { isSameOrigin } from '../../studio/access.ts';
import { isValidSession } from '../../auth/sessions.ts';

export const prerender = false;

/** POST /studio/logout: ends this session, or with `everywhere` every session (a lost phone). */
export const POST: APIRoute = async ({ request, cookies, redirect }) => {
  if (!isSameOrigin(request)) return new Response('This form can only be sent from the studio itself.', { status: 403, headers: PRIVATE_HEADERS });
  const db = getDb();
  const token = getSessionToken(cookies);
  const body = await readForm(request, bodyLimitFor('/studio/logout')!);
  const form = body.ok ? body.value : null;
  // Only a logged-in creator may end the other sessions.
  if (form?.get('everywhere') && (await isValidSession(db, token))) await deleteAllSessions(db);
  else await deleteSession(db, token);
  clearSessionCookies(cookies);
  const response = redirect('/studio/login', 303);
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) response.headers.set(name, value);
  return response;
};
