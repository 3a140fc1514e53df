import type { APIRoute } from 'astro';
import { guardStudio } from '../../studio/access.ts';
import { exportList } from '../../studio/studio-list.ts';
import { getDb } from '../../platform/server-settings.ts';
import { PRIVATE_HEADERS } from '../../auth/page-auth.ts';

export const prerender = false;

/** GET /studio/list.csv: the whole list, as `npm run subscribers -- export` writes it. */
export const GET: APIRoute = async (ctx) => {
  const guard = await guardStudio({ request: ctx.request, cookies: ctx.cookies, url: ctx.url, response: { headers: new Headers() } });
  if (!guard.ok) return guard.response;
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await exportList(getDb()), {
    headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="subscribers-${day}.csv"` },
  });
};
