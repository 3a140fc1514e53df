import type { Db } from '../../db/client.ts';
import { getEarningsStats, type ClickCounts, type EarningsStats } from '../earnings/stats.ts';
import { getCountsByKey, type Count } from './counts.ts';
import { addEarningsColumns } from './earnings-columns.ts';
import type { PeriodId } from './period.ts';
import { msOf, type Period } from './period.ts';
import { getStatsReport, type StatsReport } from './report.ts';
import type { Catalog } from './tables.ts';

/** The stats report with earnings joined in: money columns on its tables, and the totals. */
export async function getReportWithEarnings(db: Db, periodId: PeriodId, catalog: Catalog): Promise<{ report: StatsReport; earnings: EarningsStats }> {
  const report = await getStatsReport(db, periodId, catalog);
  const earnings = await getEarningsForPeriod(db, report.period, catalog);
  return { report: { ...report, tables: addEarningsColumns(report.tables, earnings) }, earnings };
}

/**
 * Earnings for the stats page's period, with link merchants from the same catalog. EPC's
 * click counts come from the daily roll-ups the report has just refreshed, not the clicks table.
 */
async function getEarningsForPeriod(db: Db, period: Period, catalog: Catalog): Promise<EarningsStats> {
  const { start, end } = msOf(period.current);
  const merchants = new Map([...catalog.links].map(([slug, link]) => [slug, link.merchant]));
  const [bySource, byLink, byPlacement] = await Promise.all(
    (['clicks:source', 'clicks:link', 'clicks:placement'] as const).map((d) => getCountsByKey(db, d, period.current)),
  );
  // Roll-ups key unknown values as "".
  const counts = (map: Map<string, Count>) => new Map([...map].map(([key, c]) => [key === '' ? null : key, c.count]));
  const clickCounts: ClickCounts = {
    total: [...byLink.values()].reduce((sum, c) => sum + c.count, 0),
    bySource: counts(bySource),
    byLink: new Map([...byLink].map(([key, c]) => [key, c.count])),
    byPlacement: counts(byPlacement),
  };
  return getEarningsStats(db, new Date(start), new Date(end), merchants, clickCounts);
}
