import type { LinkLabel } from '../tracking/link-catalog.ts';
import type { Count } from './counts.ts';
import type { FilteredCounts } from './filtered.ts';
import type { PagePlacements } from './placements.ts';
import { signupPage } from './subscribers.ts';
import { col, ratio, type Cell, type StatsTable } from './table.ts';

/** What the content catalog says about links and pages (from astro:content, passed in). */
export interface Catalog {
  /** Link slug → merchant and product name. */
  links: Map<string, LinkLabel>;
  /** Page path → title, e.g. "/posts/best-paddles-2026/" → "Best paddles of 2026". */
  titles: Map<string, string>;
  /** Page path → the placements its build draws (articles), for placement impressions. */
  placements: PagePlacements;
}

type Counts = Map<string, Count>;
const NONE: Count = { count: 0, uniques: 0 };

/** Sorts rows by a numeric column, largest first, then by the row key. */
function sortRows(rows: Record<string, Cell>[], by: string, rowKey: string): Record<string, Cell>[] {
  return rows.sort((a, b) => Number(b[by] ?? 0) - Number(a[by] ?? 0) || String(a[rowKey]).localeCompare(String(b[rowKey])));
}

/** Every page with views, on-site clicks or signups: views, clicks, click-through rate, signups. */
export function buildArticlesTable(views: Counts, clicksBySource: Counts, signups: Map<string, { signups: number; confirmed: number }>, catalog: Catalog): StatsTable {
  const signupsByPage = new Map<string, number>();
  const confirmedByPage = new Map<string, number>();
  for (const [source, s] of signups) {
    const page = signupPage(source);
    if (page) signupsByPage.set(page, (signupsByPage.get(page) ?? 0) + s.signups);
    if (page) confirmedByPage.set(page, (confirmedByPage.get(page) ?? 0) + s.confirmed);
  }
  const pages = new Set([...views.keys(), ...[...clicksBySource.keys()].filter((s) => s.startsWith('/')), ...signupsByPage.keys()]);
  const rows = [...pages].map((page) => {
    const v = views.get(page) ?? NONE;
    const clicks = (clicksBySource.get(page) ?? NONE).count;
    const pageSignups = signupsByPage.get(page) ?? 0;
    const confirmed = confirmedByPage.get(page) ?? 0;
    return { page, title: catalog.titles.get(page) ?? '', views: v.count, visitors: v.uniques, clicks, ctr: ratio(clicks, v.count), signups: pageSignups, signup_rate: ratio(pageSignups, v.count), confirmed };
  });
  return {
    id: 'articles',
    title: 'Articles and pages',
    note: 'CTR = clicks from the page ÷ its views. Signups = sign-ups through a form on the page.',
    rowKey: 'page',
    columns: [col('page', 'Page', 'text'), col('title', 'Title', 'text'), col('views', 'Views'), col('visitors', 'Visitors'), col('clicks', 'Clicks'), col('ctr', 'CTR', 'percent'), col('signups', 'Signups'), col('signup_rate', 'Signup rate', 'percent'), col('confirmed', 'Confirmed')],
    rows: sortRows(rows, 'views', 'page'),
  };
}

/** One row per link slug: clicks and unique clicks, with the product and merchant. */
export function buildLinksTable(clicksByLink: Counts, catalog: Catalog): StatsTable {
  const rows = [...clicksByLink].map(([link, c]) => {
    const info = catalog.links.get(link);
    return { link, product: info?.product ?? '', merchant: info?.merchant ?? '', clicks: c.count, unique_clicks: c.uniques };
  });
  return {
    id: 'links',
    title: 'Links',
    rowKey: 'link',
    columns: [col('link', 'Link', 'text'), col('product', 'Product', 'text'), col('merchant', 'Merchant', 'text'), col('clicks', 'Clicks'), col('unique_clicks', 'Unique')],
    rows: sortRows(rows, 'clicks', 'link'),
  };
}

/** Clicks per merchant, summed over the merchant's links (links unknown to the catalog under "(other)"). */
export function buildMerchantsTable(links: StatsTable): StatsTable {
  const byMerchant = new Map<string, { clicks: number; unique_clicks: number; links: number }>();
  for (const row of links.rows) {
    const merchant = String(row.merchant || '(other)');
    const m = byMerchant.get(merchant) ?? { clicks: 0, unique_clicks: 0, links: 0 };
    m.clicks += Number(row.clicks);
    m.unique_clicks += Number(row.unique_clicks);
    m.links += 1;
    byMerchant.set(merchant, m);
  }
  return {
    id: 'merchants',
    title: 'Merchants',
    rowKey: 'merchant',
    columns: [col('merchant', 'Merchant', 'text'), col('links', 'Links'), col('clicks', 'Clicks'), col('unique_clicks', 'Unique')],
    rows: sortRows([...byMerchant].map(([merchant, m]) => ({ merchant, ...m })), 'clicks', 'merchant'),
  };
}

/** Names a table over one dimension: its URL id, its key column and their labels. */
export interface TableName {
  id: string;
  title: string;
  /** The key column's CSV header, e.g. "placement". */
  key: string;
  label: string;
}

/** A clicks table over one dimension (placements, newsletters); `keyOf` null leaves a key out. */
export function buildClicksTable(name: TableName, clicks: Counts, keyOf: (key: string) => string | null): StatsTable {
  const rows: Record<string, Cell>[] = [];
  for (const [key, c] of clicks) {
    const shown = keyOf(key);
    if (shown !== null) rows.push({ [name.key]: shown, clicks: c.count, unique_clicks: c.uniques });
  }
  return {
    id: name.id,
    title: name.title,
    rowKey: name.key,
    columns: [col(name.key, name.label, 'text'), col('clicks', 'Clicks'), col('unique_clicks', 'Unique')],
    rows: sortRows(rows, 'clicks', name.key),
  };
}

/** Views, daily visitors and clicks side by side over one dimension (referrers, devices, countries). */
export function buildAudienceTable(name: TableName, views: Counts, clicks: Counts, emptyLabel: string): StatsTable {
  const keys = new Set([...views.keys(), ...clicks.keys()]);
  const rows = [...keys].map((key) => {
    const v = views.get(key) ?? NONE;
    return { [name.key]: key || emptyLabel, views: v.count, visitors: v.uniques, clicks: (clicks.get(key) ?? NONE).count };
  });
  return {
    id: name.id,
    title: name.title,
    rowKey: name.key,
    columns: [col(name.key, name.label, 'text'), col('views', 'Views'), col('visitors', 'Visitors'), col('clicks', 'Clicks')],
    rows: sortRows(rows, 'views', name.key),
  };
}

/** Signups per form or import, and how many of them confirmed. */
export function buildSignupsTable(signups: Map<string, { signups: number; confirmed: number }>): StatsTable {
  const rows = [...signups].map(([source, s]) => ({ source: source || '(unknown)', signups: s.signups, confirmed: s.confirmed, confirm_rate: ratio(s.confirmed, s.signups) }));
  return {
    id: 'signups',
    title: 'Signup sources',
    rowKey: 'source',
    columns: [col('source', 'Form or import', 'text'), col('signups', 'Signups'), col('confirmed', 'Confirmed'), col('confirm_rate', 'Confirmed %', 'percent')],
    rows: sortRows(rows, 'signups', 'source'),
  };
}

const REASONS = { bot: 'Bots and crawlers', preview: 'Link previews', prefetch: 'Prefetch / prerender', head: 'HEAD requests' } as const;

/** What was not counted, per reason. */
export function buildFilteredTable(filtered: FilteredCounts): StatsTable {
  const rows = (Object.keys(REASONS) as (keyof typeof REASONS)[]).map((reason) => ({
    reason,
    description: REASONS[reason],
    views: filtered.view[reason],
    clicks: filtered.click[reason],
  }));
  return {
    id: 'filtered',
    title: 'Filtered traffic (not counted)',
    rowKey: 'reason',
    columns: [col('reason', 'Reason', 'text'), col('description', 'What', 'text'), col('views', 'Views'), col('clicks', 'Clicks')],
    rows,
  };
}
