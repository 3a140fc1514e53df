import type { ComponentRef } from '../site/affiliate-refs.ts';
import { placementKind } from '../site/affiliate-refs.ts';
import type { Count } from './counts.ts';
import { col, ratio, type Cell, type StatsTable } from './table.ts';

/** Page path → the placements its build draws (from the article's components). */
export type PagePlacements = Map<string, Set<string>>;

/**
 * The `pos=` placements an article's components draw, as src/site/components name them:
 * ProductCard and TopPick by product id, BuyButton by link slug, ProductGrid and
 * ComparisonTable by position (1, 2, …). ProsCons draws no link.
 */
export function placementsOf(refs: ComponentRef[]): Set<string> {
  const found = new Set<string>();
  const positions = new Map<string, number>();
  for (const ref of refs) {
    const kind = placementKind(ref.component);
    if (ref.component === 'ProsCons') continue;
    if (ref.attribute === 'ids') {
      const n = (positions.get(kind) ?? 0) + 1;
      positions.set(kind, n);
      found.add(`${kind}:${n}`);
    } else found.add(`${kind}:${ref.value}`);
  }
  return found;
}

/** Splits a tab-joined roll-up key ("a\tb") into its parts. */
export function splitKey(key: string): [string, string] {
  const tab = key.indexOf('\t');
  return tab < 0 ? [key, ''] : [key.slice(0, tab), key.slice(tab + 1)];
}

/**
 * Placement CTR per page: a placement's impressions are the views of the page that carries
 * it, so CTR = clicks from that placement on that page ÷ the page's views. Only clicks made
 * on a page count (email and direct clicks had no page view).
 */
export function buildPagePlacementsTable(bySourcePlacement: Map<string, Count>, views: Map<string, Count>, carried: PagePlacements): StatsTable {
  const rows = new Map<string, Record<string, Cell>>();
  const row = (page: string, placement: string) => {
    const id = `${page}\t${placement}`;
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { page, placement, views: views.get(page)?.count ?? 0, clicks: 0, unique_clicks: 0, ctr: null }));
    return r;
  };
  for (const [page, placements] of carried) for (const placement of placements) row(page, placement);
  for (const [key, c] of bySourcePlacement) {
    const [page, placement] = splitKey(key);
    if (!page.startsWith('/') || !placement) continue;
    const r = row(page, placement);
    r.clicks = Number(r.clicks) + c.count;
    r.unique_clicks = Number(r.unique_clicks) + c.uniques;
  }
  for (const r of rows.values()) r.ctr = ratio(Number(r.clicks), Number(r.views));
  return {
    id: 'page-placements',
    title: 'Placements per page',
    note: 'Impressions = views of the page that carries the placement; CTR = its clicks ÷ those views.',
    rowKey: 'placement',
    columns: [col('placement', 'Placement', 'text'), col('page', 'Page', 'text'), col('ctr', 'CTR', 'percent'), col('clicks', 'Clicks'), col('views', 'Impressions'), col('unique_clicks', 'Unique')],
    rows: [...rows.values()].filter((r) => Number(r.views) > 0 || Number(r.clicks) > 0)
      .sort((a, b) => Number(b.clicks) - Number(a.clicks) || Number(b.views) - Number(a.views) || `${a.page}${a.placement}`.localeCompare(`${b.page}${b.placement}`)),
  };
}

/**
 * Placements pooled over pages: all their clicks, and the CTR of the on-page ones over the
 * views of every page that carries the placement.
 */
export function buildPlacementsTable(clicksByPlacement: Map<string, Count>, perPage: StatsTable): StatsTable {
  const pooled = new Map<string, { impressions: number; pageClicks: number; pages: number }>();
  for (const r of perPage.rows) {
    const p = pooled.get(String(r.placement)) ?? { impressions: 0, pageClicks: 0, pages: 0 };
    p.impressions += Number(r.views);
    p.pageClicks += Number(r.clicks);
    p.pages += 1;
    pooled.set(String(r.placement), p);
  }
  const keys = new Set([...clicksByPlacement.keys(), ...pooled.keys()]);
  const rows = [...keys].map((key) => {
    const c = clicksByPlacement.get(key) ?? { count: 0, uniques: 0 };
    const p = pooled.get(key) ?? { impressions: 0, pageClicks: 0, pages: 0 };
    return { placement: key || '(none)', clicks: c.count, unique_clicks: c.uniques, pages: p.pages, impressions: p.impressions, ctr: ratio(p.pageClicks, p.impressions) };
  });
  return {
    id: 'placements',
    title: 'Placements',
    note: 'Pooled over every page that carries the placement. CTR = on-page clicks ÷ those pages’ views.',
    rowKey: 'placement',
    columns: [col('placement', 'Placement', 'text'), col('ctr', 'CTR', 'percent'), col('clicks', 'Clicks'), col('unique_clicks', 'Unique'), col('impressions', 'Impressions'), col('pages', 'Pages')],
    rows: rows.sort((a, b) => b.clicks - a.clicks || a.placement.localeCompare(b.placement)),
  };
}
