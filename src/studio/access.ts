/**
 * The studio's door: one creator login shared with /stats (src/auth). Every studio page and
 * form goes through `guardStudio`, which also refuses state-changing requests from other
 * origins (the session cookie is SameSite=Strict as well, and Astro checks form origins).
 */
import type { AstroGlobal } from 'astro';
import { getSessionToken, PRIVATE_HEADERS } from '../auth/page-auth.ts';
import { isValidSession } from '../auth/sessions.ts';
import { getDb, getSettings } from '../platform/server-settings.ts';

export type Guard = { ok: true } | { ok: false; response: Response };

type Context = Pick<AstroGlobal, 'request' | 'cookies' | 'url'> & { response: { headers: Headers } };

/** True when a state-changing request comes from this site's own pages. */
export function isSameOrigin(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin === new URL(request.url).origin;
}

/** Lets the creator in, or answers: to the login page, or 403 for a cross-site post. */
export async function guardStudio(ctx: Context): Promise<Guard> {
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) ctx.response.headers.set(name, value);
  if (!isSameOrigin(ctx.request)) return { ok: false, response: new Response('This form can only be sent from the studio itself.', { status: 403, headers: PRIVATE_HEADERS }) };
  if (getSettings().statsPassword && (await isValidSession(getDb(), getSessionToken(ctx.cookies)))) return { ok: true };
  const next = encodeURIComponent(ctx.url.pathname + ctx.url.search);
  return { ok: false, response: new Response(null, { status: 303, headers: { ...PRIVATE_HEADERS, Location: `/studio/login?next=${next}` } }) };
}

/** A `next` path to return to after login: only a studio path of this site. */
export function safeNext(value: string | null): string {
  return value && /^\/studio(\/[A-Za-z0-9\-._~/%?=&]*)?$/.test(value) && !value.startsWith('//') ? value : '/studio';
}
