import type { Db } from '../../db/client.ts';
import { getEarningsStats, type ClickCounts, type EarningsStats } from '../earnings/stats.ts';
import { getCountsByKey, type Count } from './counts.ts';
import { addEarningsColumns } from './earnings-columns.ts';
import { buildFunnel, type FunnelCounts, type FunnelStep } from './funnel.ts';
import type { PeriodId } from './period.ts';
import { msOf, type DayRange } from './period.ts';
import { getStatsReport, type ReportCounts, type StatsReport } from './report.ts';
import { getSignupsBySource, signupPage } from './subscribers.ts';
import { buildSubscriberValueTable, getRecipientSources, getSourceValues } from './subscriber-value.ts';
import type { Catalog } from './tables.ts';

export interface Dashboard {
  report: StatsReport;
  earnings: EarningsStats;
  funnel: { steps: FunnelStep[]; commissionCents: number; previousCommissionCents?: number; currency: string };
  /** Page path → email clicks (estimated) of subscribers who signed up on it, for per-article funnels. */
  emailClicksByPage: Map<string, number>;
}

/**
 * The stats report with earnings joined in (money columns on its tables, and the totals), the
 * funnel for the period against the previous one, and subscriber value per signup source.
 */
export async function getReportWithEarnings(db: Db, periodId: PeriodId, catalog: Catalog): Promise<Dashboard> {
  const report = await getStatsReport(db, periodId, catalog);
  const { period } = report;
  const [earnings, previousSales, previousCounts, recipients] = await Promise.all([
    getEarningsForRange(db, period.current, catalog),
    period.previous ? getSalesTotals(db, period.previous) : undefined,
    period.previous ? getFunnelInputs(db, period.previous) : undefined,
    getRecipientSources(db),
  ]);
  const values = getSourceValues(report.counts.signups, recipients, report.counts.clicksBySource, earnings);
  const currency = earnings.currencies[0] ?? 'USD';
  const emailClicksByPage = new Map<string, number>();
  for (const [source, v] of values) {
    const page = signupPage(source);
    if (page) emailClicksByPage.set(page, (emailClicksByPage.get(page) ?? 0) + v.emailClicks);
  }
  const current = funnelCounts(report.counts, earnings.totals);
  const previous = previousCounts && previousSales ? funnelCounts(previousCounts, previousSales) : undefined;
  const tables = [...addEarningsColumns(report.tables, earnings), buildSubscriberValueTable(values, currency)];
  return {
    report: { ...report, tables },
    earnings,
    funnel: { steps: buildFunnel(current, previous), commissionCents: current.commissionCents, previousCommissionCents: previous?.commissionCents, currency },
    emailClicksByPage,
  };
}

function funnelCounts(counts: ReportCounts, sales: { conversions: number; commissionCents: number }): FunnelCounts {
  let clicks = 0;
  let emailClicks = 0;
  for (const [source, c] of counts.clicksBySource) {
    if (source.startsWith('/')) clicks += c.count;
    else if (source.startsWith('email:')) emailClicks += c.count;
  }
  let signups = 0;
  let confirmed = 0;
  for (const s of counts.signups.values()) (signups += s.signups), (confirmed += s.confirmed);
  return { views: counts.views, clicks, signups, confirmed, emailClicks, sales: sales.conversions, commissionCents: sales.commissionCents };
}

/**
 * Sales and commission dated in a range, counted as the earnings stats count them (a sale is
 * a row with positive commission; reversed rows count only when negative), in one aggregate.
 */
async function getSalesTotals(db: Db, range: DayRange): Promise<{ conversions: number; commissionCents: number }> {
  const { start, end } = msOf(range);
  const result = await db.$client.execute({
    sql: `select count(case when commission_cents > 0 then 1 end) as sales, coalesce(sum(commission_cents), 0) as commission
          from conversions where occurred_at >= ? and occurred_at < ? and (status != 'reversed' or commission_cents < 0)`,
    args: [start, end],
  });
  return { conversions: Number(result.rows[0]!.sales), commissionCents: Number(result.rows[0]!.commission) };
}

/** The counts a funnel needs for another range (the previous period), from the roll-ups. */
async function getFunnelInputs(db: Db, range: DayRange): Promise<ReportCounts> {
  const [clicksBySource, views, signups] = await Promise.all([
    getCountsByKey(db, 'clicks:source', range),
    getCountsByKey(db, 'views', range),
    getSignupsBySource(db, range),
  ]);
  return { clicksBySource, signups, views: views.get('')?.count ?? 0 };
}

/**
 * Earnings for a range, with link merchants from the same catalog. EPC's click counts come
 * from the daily roll-ups the report has just refreshed, not the clicks table.
 */
async function getEarningsForRange(db: Db, range: DayRange, catalog: Catalog): Promise<EarningsStats> {
  const { start, end } = msOf(range);
  const merchants = new Map([...catalog.links].map(([slug, link]) => [slug, link.merchant]));
  const [bySource, byLink, byPlacement] = await Promise.all(
    (['clicks:source', 'clicks:link', 'clicks:placement'] as const).map((d) => getCountsByKey(db, d, range)),
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
