// One outbox message, shown as the mail app would: its HTML, sandboxed (no scripts, no forms).
import type { APIRoute } from 'astro';
import { guardStudio } from '../../../studio/access.ts';
import { readOutboxFile } from '../../../studio/studio-newsletters.ts';
import { PRIVATE_HEADERS } from '../../../auth/page-auth.ts';
import { getSettings } from '../../../platform/server-settings.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const guard = await guardStudio({ request: context.request, cookies: context.cookies, url: context.url, response: { headers: new Headers() } });
  if (!guard.ok) return guard.response;
  const html = await readOutboxFile(getSettings().dataDir, context.params.file ?? '');
  if (html === undefined) return new Response('No such message in the outbox.', { status: 404, headers: PRIVATE_HEADERS });
  return new Response(html, { headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': 'sandbox' } });
};
