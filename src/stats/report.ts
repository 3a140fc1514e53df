import type { Db } from '../../db/client.ts';
import { getCountsByKey, getDailyTotals, getFirstDay, getTotal, type Count } from './counts.ts';
import { getFilteredCounts } from './filtered.ts';
import { daysOf, getPeriod, type DayRange, type Period, type PeriodId } from './period.ts';
import { dayOf } from '../platform/time.ts';
import { refreshRollups } from './rollups.ts';
import { getDailySignups, getSignupsBySource, getSubscriberTotals } from './subscribers.ts';
import {
  buildArticlesTable, buildAudienceTable, buildClicksTable, buildFilteredTable, buildLinksTable,
  buildMerchantsTable, buildSignupsTable, type Catalog,
} from './tables.ts';
import { ratio, type Column, type StatsTable } from './table.ts';
import { buildPagePlacementsTable, buildPlacementsTable } from './placements.ts';

export interface Total {
  key: string;
  label: string;
  kind: Column['kind'];
  value: number | null;
  /** The same figure over the previous period; undefined for all time. */
  previous?: number | null;
  /** A rise is bad news (unsubscribes): the change is coloured the other way. */
  lowerIsBetter?: boolean;
}

export interface DailySeries {
  days: string[];
  views: number[];
  clicks: number[];
  signups: number[];
}

export interface StatsReport {
  period: Period;
  totals: Total[];
  daily: DailySeries;
  tables: StatsTable[];
  /** Counts the tables were built from, for the funnel and subscriber value. */
  counts: ReportCounts;
}

export interface ReportCounts {
  clicksBySource: Map<string, Count>;
  signups: Map<string, { signups: number; confirmed: number }>;
  views: number;
}

/**
 * Everything the stats page and its CSV exports show for a period: totals with the change
 * against the previous period, the daily series, and the tables. Brings the roll-ups up to
 * date first, so events recorded a moment ago are included.
 */
export async function getStatsReport(db: Db, periodId: PeriodId, catalog: Catalog, now = new Date()): Promise<StatsReport> {
  await refreshRollups(db, now);
  const today = dayOf(now.getTime());
  const period = getPeriod(periodId, now, await getFirstDay(db));
  const range = period.current;
  const [current, previous, daily, tables] = await Promise.all([
    getTotals(db, range, today),
    period.previous ? getTotals(db, period.previous, today) : undefined,
    getDailySeries(db, range),
    getTables(db, range, catalog, today),
  ]);
  const totals = current.map((t, i) => (previous ? { ...t, previous: previous[i]!.value } : t));
  return { period, totals, daily, tables: tables.tables, counts: tables.counts };
}

async function getTotals(db: Db, range: DayRange, today: string): Promise<Total[]> {
  const [views, clicks, bySource, subs] = await Promise.all([
    getTotal(db, 'views', range, today),
    getTotal(db, 'clicks', range, today),
    getCountsByKey(db, 'clicks:source', range, today),
    getSubscriberTotals(db, range),
  ]);
  // Click-through rate counts only clicks made on the site's pages: clicks from emails or
  // links shared elsewhere had no page view to come through.
  const onSite = [...bySource].reduce((sum, [source, c]) => sum + (source.startsWith('/') ? c.count : 0), 0);
  return [
    { key: 'views', label: 'Views', kind: 'count', value: views.count },
    { key: 'visitors', label: 'Visitors (daily)', kind: 'count', value: views.uniques },
    { key: 'clicks', label: 'Clicks', kind: 'count', value: clicks.count },
    { key: 'unique_clicks', label: 'Unique clicks', kind: 'count', value: clicks.uniques },
    { key: 'ctr', label: 'Click-through', kind: 'percent', value: ratio(onSite, views.count) },
    { key: 'signups', label: 'New subscribers', kind: 'count', value: subs.signups },
    { key: 'confirmed', label: 'Confirmed', kind: 'count', value: subs.confirmed },
    { key: 'unsubscribes', label: 'Unsubscribes', kind: 'count', value: subs.unsubscribes, lowerIsBetter: true },
    { key: 'list_size', label: 'List size', kind: 'count', value: subs.listSize },
  ];
}

async function getDailySeries(db: Db, range: DayRange): Promise<DailySeries> {
  const [views, clicks, signups] = await Promise.all([
    getDailyTotals(db, 'views', range),
    getDailyTotals(db, 'clicks', range),
    getDailySignups(db, range),
  ]);
  const days = daysOf(range);
  return {
    days,
    views: days.map((d) => views.get(d) ?? 0),
    clicks: days.map((d) => clicks.get(d) ?? 0),
    signups: days.map((d) => signups.get(d) ?? 0),
  };
}

async function getTables(db: Db, range: DayRange, catalog: Catalog, today: string): Promise<{ tables: StatsTable[]; counts: ReportCounts }> {
  const dims = ['views:path', 'clicks:source', 'clicks:link', 'clicks:placement', 'views:referrer', 'clicks:referrer', 'views:device', 'clicks:device', 'views:country', 'clicks:country', 'clicks:source-placement'] as const;
  const [counts, signups, filtered] = await Promise.all([
    Promise.all(dims.map((d) => getCountsByKey(db, d, range, today))),
    getSignupsBySource(db, range),
    getFilteredCounts(db, range),
  ]);
  const [viewsByPath, clicksBySource, clicksByLink, clicksByPlacement, viewsByRef, clicksByRef, viewsByDevice, clicksByDevice, viewsByCountry, clicksByCountry, bySourcePlacement] = counts;
  const links = buildLinksTable(clicksByLink!, catalog);
  const perPage = buildPagePlacementsTable(bySourcePlacement!, viewsByPath!, catalog.placements);
  const tables = [
    buildArticlesTable(viewsByPath!, clicksBySource!, signups, catalog),
    links,
    buildMerchantsTable(links),
    buildPlacementsTable(clicksByPlacement!, perPage),
    perPage,
    buildClicksTable({ id: 'newsletters', title: 'Newsletters', key: 'newsletter', label: 'Newsletter' }, clicksBySource!, (k) => (k.startsWith('email:') ? k.slice(6) : null)),
    buildAudienceTable({ id: 'referrers', title: 'Referrers', key: 'referrer', label: 'Referrer' }, viewsByRef!, clicksByRef!, '(direct)'),
    buildAudienceTable({ id: 'devices', title: 'Devices', key: 'device', label: 'Device' }, viewsByDevice!, clicksByDevice!, '(unknown)'),
    buildAudienceTable({ id: 'countries', title: 'Countries', key: 'country', label: 'Country' }, viewsByCountry!, clicksByCountry!, '(unknown)'),
    buildSignupsTable(signups),
    buildFilteredTable(filtered),
  ];
  const views = [...viewsByPath!.values()].reduce((sum, c) => sum + c.count, 0);
  return { tables, counts: { clicksBySource: clicksBySource!, signups, views } };
}
