import type { Db } from '../../../db/client.ts';
import { EARNINGS_TABLES, getEarningsStats, type EarningsStats, type EarningsTable } from '../../lib/earnings/stats.ts';
import { msOf, type Period } from '../../lib/stats/period.ts';
import type { Catalog } from '../../lib/stats/tables.ts';

/** Earnings for the stats page's period, with link merchants from the same catalog. */
export function getEarningsForPeriod(db: Db, period: Period, catalog: Catalog): Promise<EarningsStats> {
  const { start, end } = msOf(period.current);
  const merchants = new Map([...catalog.links].map(([slug, link]) => [slug, link.merchant]));
  return getEarningsStats(db, new Date(start), new Date(end), merchants);
}

/** "earnings-links" → "links"; null for any other name. */
export function parseEarningsTable(name: string | undefined): EarningsTable | null {
  const table = name?.startsWith('earnings-') ? name.slice('earnings-'.length) : '';
  return (EARNINGS_TABLES as readonly string[]).includes(table) ? (table as EarningsTable) : null;
}

export const EARNINGS_CSV_NAMES = EARNINGS_TABLES.map((t) => `earnings-${t}.csv`);
