import type { Db } from '../../../db/client.ts';
import { EARNINGS_TABLES, getEarningsStats, type ClickCounts, type EarningsStats, type EarningsTable } from '../../lib/earnings/stats.ts';
import { getCountsByKey, type Count } from '../../lib/stats/counts.ts';
import { msOf, type Period } from '../../lib/stats/period.ts';
import type { Catalog } from '../../lib/stats/tables.ts';

/**
 * Earnings for the stats page's period, with link merchants from the same catalog. EPC's
 * click counts come from the daily roll-ups the page has just refreshed, not the clicks table.
 */
export async function getEarningsForPeriod(db: Db, period: Period, catalog: Catalog): Promise<EarningsStats> {
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

/** "earnings-links" → "links"; null for any other name. */
export function parseEarningsTable(name: string | undefined): EarningsTable | null {
  const table = name?.startsWith('earnings-') ? name.slice('earnings-'.length) : '';
  return (EARNINGS_TABLES as readonly string[]).includes(table) ? (table as EarningsTable) : null;
}

export const EARNINGS_CSV_NAMES = EARNINGS_TABLES.map((t) => `earnings-${t}.csv`);
