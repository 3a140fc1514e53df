import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server-settings.ts';
import { getEarningsCsvRows } from '../../lib/earnings/stats.ts';
import { rowsToCsv, toCsv } from '../../lib/stats/csv.ts';
import { parsePeriodId } from '../../lib/stats/period.ts';
import { getStatsReport } from '../../lib/stats/report.ts';
import { checkAccess, PRIVATE_HEADERS } from './_auth.ts';
import { getCatalog } from './_catalog.ts';
import { EARNINGS_CSV_NAMES, getEarningsForPeriod, parseEarningsTable } from './_earnings.ts';

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
  const report = await getStatsReport(getDb(), periodId, await getCatalog());
  const earnings = parseEarningsTable(params.table);
  const table = report.tables.find((t) => t.id === params.table);
  if (!table && !earnings) {
    const names = [...report.tables.map((t) => `${t.id}.csv`), ...EARNINGS_CSV_NAMES].join(', ');
    return new Response(`No stats table "${params.table}". Available: ${names}\n`, { status: 404, headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const csv = earnings
    ? rowsToCsv(getEarningsCsvRows(await getEarningsForPeriod(getDb(), report.period, await getCatalog()), earnings))
    : toCsv(table!);
  return new Response(csv, {
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="perch-${params.table}-${periodId}.csv"`,
    },
  });
};
