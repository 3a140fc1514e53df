import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clicks } from '../../db/schema/clicks.ts';
import { conversions, type ConversionStatus } from '../../db/schema/earnings.ts';

/** Earnings of one article, link, placement, merchant or newsletter in the period. */
export interface EarningsRow {
  key: string;
  clicks: number;
  /** Sales that still count (not reversed). */
  conversions: number;
  revenueCents: number;
  commissionCents: number;
  /** Commission per click in cents (fractional), null without clicks. */
  epcCents: number | null;
}

export interface EarningsStats {
  from: Date;
  to: Date;
  totals: Omit<EarningsRow, 'key'>;
  byStatus: Record<ConversionStatus, { conversions: number; commissionCents: number }>;
  unattributed: { conversions: number; revenueCents: number; commissionCents: number };
  pages: EarningsRow[];
  links: EarningsRow[];
  placements: EarningsRow[];
  merchants: EarningsRow[];
  newsletters: EarningsRow[];
  /** Currencies seen; more than one means the sums mix currencies unless `currency` was given. */
  currencies: string[];
}

export const EARNINGS_TABLES = ['pages', 'links', 'placements', 'merchants', 'newsletters'] as const;
export type EarningsTable = (typeof EARNINGS_TABLES)[number];

type Dimension = (click: { source: string | null; placement: string | null; linkSlug: string }) => [EarningsTable, string] | null;

/**
 * Revenue, commission and EPC for conversions dated in [from, to), per article (the click's
 * source page), link, placement, merchant and newsletter (`email:<name>` sources). EPC divides
 * that commission by the clicks recorded in the same period. A reversal either excludes a row
 * (status turned reversed) or subtracts (a negative row), so `commissionCents` is what still counts.
 * `linkMerchants` maps link slugs to merchant names (from content/products).
 */
export async function getEarningsStats(
  db: Db,
  from: Date,
  to: Date,
  linkMerchants: ReadonlyMap<string, string>,
  clickCounts?: ClickCounts,
  /** Only conversions in this currency (sums never mix currencies). */
  currency?: string,
): Promise<EarningsStats> {
  const dims: Dimension[] = [
    (c) => (c.source?.startsWith('email:') ? null : ['pages', c.source ?? '(direct)']),
    (c) => (c.source?.startsWith('email:') ? ['newsletters', c.source.slice('email:'.length)] : null),
    (c) => ['links', c.linkSlug],
    (c) => ['placements', c.placement ?? '(none)'],
    (c) => ['merchants', linkMerchants.get(c.linkSlug) ?? '(unknown merchant)'],
  ];
  const tables = Object.fromEntries(EARNINGS_TABLES.map((t) => [t, new Map<string, EarningsRow>()])) as Record<EarningsTable, Map<string, EarningsRow>>;
  const row = (table: EarningsTable, key: string) => {
    let r = tables[table].get(key);
    if (!r) tables[table].set(key, (r = { key, clicks: 0, conversions: 0, revenueCents: 0, commissionCents: 0, epcCents: null }));
    return r;
  };
  const totals = { clicks: 0, conversions: 0, revenueCents: 0, commissionCents: 0, epcCents: null as number | null };

  const counts = clickCounts ?? (await countClicks(db, from, to));
  totals.clicks = counts.total;
  for (const [source, n] of counts.bySource) {
    if (source?.startsWith('email:')) row('newsletters', source.slice('email:'.length)).clicks += n;
    else row('pages', source ?? '(direct)').clicks += n;
  }
  for (const [slug, n] of counts.byLink) {
    row('links', slug).clicks += n;
    row('merchants', linkMerchants.get(slug) ?? '(unknown merchant)').clicks += n;
  }
  for (const [placement, n] of counts.byPlacement) row('placements', placement ?? '(none)').clicks += n;

  const byStatus = { pending: zero(), approved: zero(), reversed: zero() };
  const unattributed = { conversions: 0, revenueCents: 0, commissionCents: 0 };
  const currencies = new Set<string>();
  for (const c of await sumConversions(db, from, to, currency)) {
    currencies.add(c.currency);
    byStatus[c.status].conversions += c.rows;
    byStatus[c.status].commissionCents += c.status === 'reversed' ? c.absCommissionCents : c.commissionCents;
    const counted = c.status !== 'reversed' || c.negative;
    if (!counted) continue;
    const sale = { conversions: c.sales, revenueCents: c.saleAmountCents, commissionCents: c.commissionCents };
    add(totals, sale);
    if (c.linkSlug === null && c.reportedLink !== null) {
      // Joined to a link without a click (Amazon by tracking id and ASIN): no page or placement.
      add(row('links', c.reportedLink), sale);
      add(row('merchants', linkMerchants.get(c.reportedLink) ?? '(unknown merchant)'), sale);
    } else if (c.linkSlug === null) add(unattributed, sale);
    else for (const dim of dims) {
      const hit = dim({ source: c.source, placement: c.placement, linkSlug: c.linkSlug });
      if (hit) add(row(...hit), sale);
    }
  }

  const finish = (table: EarningsTable) =>
    [...tables[table].values()].map(withEpc).sort((a, b) => b.commissionCents - a.commissionCents || b.clicks - a.clicks || a.key.localeCompare(b.key));
  return {
    from, to,
    totals: withEpc(totals),
    byStatus, unattributed,
    pages: finish('pages'), links: finish('links'), placements: finish('placements'),
    merchants: finish('merchants'), newsletters: finish('newsletters'),
    currencies: [...currencies].sort(),
  };
}

function zero() {
  return { conversions: 0, commissionCents: 0 };
}

function add(target: { conversions: number; revenueCents: number; commissionCents: number }, sale: { conversions: number; revenueCents: number; commissionCents: number }) {
  target.conversions += sale.conversions;
  target.revenueCents += sale.revenueCents;
  target.commissionCents += sale.commissionCents;
}

function withEpc<T extends { clicks: number; commissionCents: number }>(r: T): T & { epcCents: number | null } {
  return { ...r, epcCents: r.clicks > 0 ? r.commissionCents / r.clicks : null };
}

/**
 * Clicks in a period by source, link and placement (null where unknown). The stats page passes
 * these from its daily roll-ups; without them they are counted from the clicks table.
 */
export interface ClickCounts {
  total: number;
  bySource: Map<string | null, number>;
  byLink: Map<string, number>;
  byPlacement: Map<string | null, number>;
}

/** Counts from the clicks table: one indexed range scan (fine for the CLI's summaries). */
async function countClicks(db: Db, from: Date, to: Date): Promise<ClickCounts> {
  const groups = await db
    .select({ source: clicks.source, placement: clicks.placement, linkSlug: clicks.linkSlug, clicks: count() })
    .from(clicks)
    .where(and(gte(clicks.createdAt, from), lt(clicks.createdAt, to)))
    .groupBy(clicks.source, clicks.placement, clicks.linkSlug);
  const counts: ClickCounts = { total: 0, bySource: new Map(), byLink: new Map(), byPlacement: new Map() };
  const bump = <K,>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const g of groups) {
    counts.total += g.clicks;
    bump(counts.bySource, g.source, g.clicks);
    bump(counts.byLink, g.linkSlug, g.clicks);
    bump(counts.byPlacement, g.placement, g.clicks);
  }
  return counts;
}

type ConversionGroup = Awaited<ReturnType<typeof groupConversions>>[number];

/**
 * The groups below, remembered per period until the conversions change (an import, a
 * postback, a status update: their count, newest id or newest update moves, in this or any
 * other instance). Joining a year of sales to their clicks costs a few hundred milliseconds
 * at 1M clicks; a click's origin never changes, so nothing else can make the groups stale.
 */
const remembered = new WeakMap<Db, Map<string, ConversionGroup[]>>();

async function sumConversions(db: Db, from: Date, to: Date, currency?: string): Promise<ConversionGroup[]> {
  const [version] = await db
    .select({ rows: count(), newest: sql<number>`coalesce(max(${conversions.id}), 0)`, updated: sql<number>`coalesce(max(${conversions.updatedAt}), 0)` })
    .from(conversions);
  const key = `${from.getTime()}|${to.getTime()}|${currency ?? ''}|${version!.rows}|${version!.newest}|${version!.updated}`;
  let periods = remembered.get(db);
  if (!periods) remembered.set(db, (periods = new Map()));
  const known = periods.get(key);
  if (known) return known;
  const groups = await groupConversions(db, from, to, currency);
  if (periods.size >= 16) periods.delete(periods.keys().next().value!);
  periods.set(key, groups);
  return groups;
}

/**
 * Conversions dated in the period, summed per status, currency, click origin (null when
 * unattributed) and sign of the commission: a year of sales is a few thousand groups to add
 * up here, not one row per sale.
 */
async function groupConversions(db: Db, from: Date, to: Date, currency?: string) {
  const negative = sql<number>`${conversions.commissionCents} < 0`;
  const rows = await db
    .select({
      status: conversions.status,
      currency: conversions.currency,
      source: clicks.source,
      placement: clicks.placement,
      linkSlug: clicks.linkSlug,
      reportedLink: conversions.linkSlug,
      negative,
      rows: count(),
      sales: sql<number>`sum(${conversions.commissionCents} > 0)`,
      commissionCents: sql<number>`sum(${conversions.commissionCents})`,
      absCommissionCents: sql<number>`sum(abs(${conversions.commissionCents}))`,
      saleAmountCents: sql<number>`coalesce(sum(${conversions.saleAmountCents}), 0)`,
    })
    .from(conversions)
    .leftJoin(clicks, eq(clicks.id, conversions.clickId))
    .where(and(gte(conversions.occurredAt, from), lt(conversions.occurredAt, to), currency ? eq(conversions.currency, currency) : undefined))
    .groupBy(conversions.status, conversions.currency, clicks.source, clicks.placement, clicks.linkSlug, conversions.linkSlug, negative);
  return rows.map((r) => ({ ...r, negative: Number(r.negative) === 1, sales: Number(r.sales), commissionCents: Number(r.commissionCents), absCommissionCents: Number(r.absCommissionCents), saleAmountCents: Number(r.saleAmountCents) }));
}
