import type { APIRoute } from 'astro';
import { getDb } from '../../platform/server-settings.ts';
import { toCsv } from '../../stats/csv.ts';
import { parsePeriodId } from '../../stats/period.ts';
import { checkAccess, PRIVATE_HEADERS } from '../../auth/page-auth.ts';
import { getCatalog } from '../../stats/table-catalog.ts';
import { getReportWithEarnings } from '../../stats/earnings-tables.ts';

export const prerender = false;

/**
 * GET /stats/<table>.csv?period=7|30|90|all: one stats table as CSV. Accepts the login
 * cookie, or HTTP Basic with any user name and the stats password (for scripts).
 */
export const GET: APIRoute = async ({ params, request, cookies, clientAddress, url }) => {
  const access = await checkAccess(request, cookies, clientAddress, true);
  if (!access.ok) {
    const headers: Record<string, string> = { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
    if (access.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Perch stats", charset="UTF-8"';
    if (access.retryAfterSeconds) headers['Retry-After'] = String(access.retryAfterSeconds);
    return new Response(access.message + '\n', { status: access.status, headers });
  }
  const periodId = parsePeriodId(url.searchParams.get('period'));
  const { report } = await getReportWithEarnings(getDb(), periodId, await getCatalog());
  const table = report.tables.find((t) => t.id === params.table);
  if (!table) {
    const names = report.tables.map((t) => `${t.id}.csv`).join(', ');
    return new Response(`No stats table "${params.table}". Available: ${names}\n`, { status: 404, headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(toCsv(table), {
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="perch-${table.id}-${periodId}.csv"`,
    },
  });
};
