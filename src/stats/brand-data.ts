import type { Db } from '../../db/client.ts';
import type { BrandReport } from './brand-reports.ts';
import { getCountsByKey, type Count } from './counts.ts';
import { daysOf, msOf, type DayRange } from './period.ts';
import { DAY_MS, dayOf, startOfDay } from '../platform/time.ts';
import { splitKey } from './placements.ts';
import { refreshRollups } from './rollups.ts';
import type { Catalog } from './tables.ts';

export interface BrandWeek { week: string; clicks: number; uniques: number }
export interface Share { key: string; label: string; clicks: number }

export interface BrandReportData {
  merchant: string;
  label: string;
  range: DayRange;
  links: { slug: string; product: string; clicks: number; uniques: number }[];
  totals: Count;
  weeks: BrandWeek[];
  /** Hits on these links left out as bots, previews, prefetches and HEAD requests. */
  filtered: { bot: number; preview: number; prefetch: number; head: number; total: number; share: number | null };
  origins: Share[];
  articles: Share[];
  placements: Share[];
  devices: Share[];
  countries: Share[];
  conversions: { sales: number; revenueCents: number; commissionCents: number; currency: string } | null;
}

/** The longest range a report shows; longer campaigns are cut to their last 366 days. */
const MAX_DAYS = 366;
const DEFAULT_DAYS = 90;

/** The days a report covers: its campaign dates, clamped to today and to MAX_DAYS. */
export function reportRange(report: Pick<BrandReport, 'fromDay' | 'toDay'>, now: Date): DayRange {
  const today = dayOf(now.getTime());
  const to = report.toDay && report.toDay < today ? report.toDay : today;
  const earliest = dayOf(startOfDay(to) - (MAX_DAYS - 1) * DAY_MS);
  const from = report.fromDay ?? dayOf(startOfDay(to) - (DEFAULT_DAYS - 1) * DAY_MS);
  return { from: from < earliest ? earliest : from > to ? to : from, to };
}

/** The links a report may show: the merchant's links, narrowed to the campaign's. */
export function reportLinks(report: Pick<BrandReport, 'merchant' | 'links'>, catalog: Catalog): string[] {
  const own = [...catalog.links].filter(([, l]) => l.merchant === report.merchant).map(([slug]) => slug);
  return report.links ? own.filter((slug) => report.links!.includes(slug)) : own;
}

/**
 * Everything a brand report shows, from the roll-ups and nothing but the report's links:
 * human clicks and unique clicks by week, what was filtered out, where clicks came from,
 * devices, countries, and (when the creator chose to share them) conversions.
 */
export async function getBrandReportData(db: Db, report: BrandReport, catalog: Catalog, now = new Date()): Promise<BrandReportData> {
  await refreshRollups(db, now);
  const range = reportRange(report, now);
  const slugs = reportLinks(report, catalog);
  const today = dayOf(now.getTime());
  const [byLink, bySource, byPlacement, byDevice, byCountry, daily, filtered, conversions] = await Promise.all([
    getCountsByKey(db, 'clicks:link', range, today),
    getCountsByKey(db, 'clicks:link-source', range, today, slugs),
    getCountsByKey(db, 'clicks:link-placement', range, today, slugs),
    getCountsByKey(db, 'clicks:link-device', range, today, slugs),
    getCountsByKey(db, 'clicks:link-country', range, today, slugs),
    getDailyByLinks(db, slugs, range),
    getFilteredByLinks(db, slugs, range),
    report.showConversions ? getConversions(db, slugs, range) : null,
  ]);
  const links = slugs.map((slug) => ({ slug, product: catalog.links.get(slug)?.product ?? '', clicks: byLink.get(slug)?.count ?? 0, uniques: byLink.get(slug)?.uniques ?? 0 }))
    .sort((a, b) => b.clicks - a.clicks || a.slug.localeCompare(b.slug));
  const totals = links.reduce((t, l) => ({ count: t.count + l.clicks, uniques: t.uniques + l.uniques }), { count: 0, uniques: 0 });
  const filteredTotal = filtered.bot + filtered.preview + filtered.prefetch + filtered.head;
  return {
    merchant: report.merchant,
    label: report.label,
    range,
    links,
    totals,
    weeks: toWeeks(range, daily),
    filtered: { ...filtered, total: filteredTotal, share: filteredTotal + totals.count > 0 ? filteredTotal / (filteredTotal + totals.count) : null },
    origins: shares(bySource, (source) => originOf(source)),
    articles: shares(bySource, (source) => (source.startsWith('/posts/') ? source : null), (key) => catalog.titles.get(key) ?? key),
    placements: shares(byPlacement, (p) => p || null, (p) => p),
    devices: shares(byDevice, (d) => d, (d) => d),
    countries: shares(byCountry, (c) => c, (c) => c || 'Unknown'),
    conversions,
  };
}

const ORIGINS: Record<string, string> = { article: 'Articles', bio: 'Link-in-bio page', newsletter: 'Newsletter', page: 'Other pages', direct: 'Direct or shared link' };

function originOf(source: string): string {
  if (source.startsWith('/posts/')) return 'article';
  if (source === '/links/') return 'bio';
  if (source.startsWith('email:')) return 'newsletter';
  return source.startsWith('/') ? 'page' : 'direct';
}

/** Sums tab-joined "link\tvalue" counts by `group(value)` (null leaves a value out), largest first. */
function shares(counts: Map<string, Count>, group: (value: string) => string | null, label: (key: string) => string = (k) => ORIGINS[k] ?? k): Share[] {
  const sums = new Map<string, number>();
  for (const [key, c] of counts) {
    const g = group(splitKey(key)[1]);
    if (g !== null) sums.set(g, (sums.get(g) ?? 0) + c.count);
  }
  return [...sums].map(([key, clicks]) => ({ key, label: label(key), clicks })).sort((a, b) => b.clicks - a.clicks || a.key.localeCompare(b.key));
}

async function getDailyByLinks(db: Db, slugs: string[], range: DayRange): Promise<Map<string, Count>> {
  if (!slugs.length) return new Map();
  const result = await db.$client.execute({
    sql: `select day, sum(count) as count, sum(uniques) as uniques from stats_daily
          where dimension = 'clicks:link' and day between ? and ? and key in (${slugs.map(() => '?').join(',')}) group by day`,
    args: [range.from, range.to, ...slugs],
  });
  return new Map(result.rows.map((r) => [String(r.day), { count: Number(r.count), uniques: Number(r.uniques) }]));
}

/** Weeks of seven days counted back from the range's last day (the first may be shorter). */
function toWeeks(range: DayRange, daily: Map<string, Count>): BrandWeek[] {
  const days = daysOf(range);
  const weeks: BrandWeek[] = [];
  for (let end = days.length; end > 0; end -= 7) {
    const part = days.slice(Math.max(0, end - 7), end);
    const sum = part.reduce((t, d) => ({ clicks: t.clicks + (daily.get(d)?.count ?? 0), uniques: t.uniques + (daily.get(d)?.uniques ?? 0) }), { clicks: 0, uniques: 0 });
    weeks.unshift({ week: part[0]!, ...sum });
  }
  return weeks;
}

async function getFilteredByLinks(db: Db, slugs: string[], range: DayRange) {
  const out = { bot: 0, preview: 0, prefetch: 0, head: 0 };
  if (!slugs.length) return out;
  const result = await db.$client.execute({
    sql: `select reason, sum(count) as n from filtered_hits where kind = 'click' and day between ? and ?
          and target in (${slugs.map(() => '?').join(',')}) group by reason`,
    args: [range.from, range.to, ...slugs],
  });
  for (const r of result.rows) if (String(r.reason) in out) out[String(r.reason) as keyof typeof out] = Number(r.n);
  return out;
}

/** Sales of clicks on these links dated in the range; reversed ones no longer count. */
async function getConversions(db: Db, slugs: string[], range: DayRange) {
  const { start, end } = msOf(range);
  const result = slugs.length ? await db.$client.execute({
    sql: `select count(case when c.commission_cents > 0 then 1 end) as sales, coalesce(sum(c.sale_amount_cents), 0) as revenue,
            coalesce(sum(c.commission_cents), 0) as commission, min(c.currency) as currency
          from conversions c join clicks k on k.id = c.click_id
          where c.occurred_at >= ? and c.occurred_at < ? and (c.status != 'reversed' or c.commission_cents < 0)
            and k.link_slug in (${slugs.map(() => '?').join(',')})`,
    args: [start, end, ...slugs],
  }) : null;
  const row = result?.rows[0];
  return { sales: Number(row?.sales ?? 0), revenueCents: Number(row?.revenue ?? 0), commissionCents: Number(row?.commission ?? 0), currency: String(row?.currency ?? 'USD') };
}
