import type { Share } from './brand-data.ts';
import type { Db } from '../../db/client.ts';
import { getCountsByKey, getTotal } from './counts.ts';
import { getPeriod, type Period } from './period.ts';
import { dayOf } from '../platform/time.ts';
import { refreshRollups } from './rollups.ts';
import { getSubscriberTotals } from './subscribers.ts';
import type { Catalog } from './tables.ts';
import { ratio } from './table.ts';

/** The figures a creator can publish, each switched on separately. */
export const MEDIA_KIT_FIGURES = {
  readers: 'Monthly readers',
  list: 'List size and confirmed rate',
  ctr: 'Average click-through on recommendations',
  categories: 'Top categories',
  devices: 'Audience devices',
  countries: 'Audience countries',
} as const;
export type MediaKitFigure = keyof typeof MEDIA_KIT_FIGURES;

export interface MediaKitSettings {
  enabled: boolean;
  figures: MediaKitFigure[];
}

const KEY = 'media_kit';
const OFF: MediaKitSettings = { enabled: false, figures: [] };

export async function getMediaKitSettings(db: Db): Promise<MediaKitSettings> {
  const result = await db.$client.execute({ sql: 'select value from settings where key = ?', args: [KEY] });
  const raw = result.rows[0]?.value;
  if (typeof raw !== 'string') return OFF;
  try {
    const parsed = JSON.parse(raw) as Partial<MediaKitSettings>;
    return { enabled: parsed.enabled === true, figures: (parsed.figures ?? []).filter((f): f is MediaKitFigure => f in MEDIA_KIT_FIGURES) };
  } catch {
    return OFF;
  }
}

export async function saveMediaKitSettings(db: Db, settings: MediaKitSettings): Promise<void> {
  const value = JSON.stringify({ enabled: settings.enabled, figures: settings.figures.filter((f) => f in MEDIA_KIT_FIGURES) });
  await db.$client.execute({ sql: 'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value', args: [KEY, value] });
}

export interface MediaKitData {
  period: Period;
  readers?: { views: number; dailyVisitors: number };
  list?: { size: number; confirmedRate: number | null };
  ctr?: number | null;
  categories?: Share[];
  devices?: Share[];
  countries?: Share[];
}

/** The switched-on figures over the last 30 days, all from filtered (human) traffic. */
export async function getMediaKitData(db: Db, settings: MediaKitSettings, catalog: Catalog, now = new Date()): Promise<MediaKitData> {
  await refreshRollups(db, now);
  const period = getPeriod('30', now, null);
  const range = period.current;
  const today = dayOf(now.getTime());
  const on = new Set(settings.figures);
  const data: MediaKitData = { period };
  const views = await getTotal(db, 'views', range, today);
  if (on.has('readers')) data.readers = { views: views.count, dailyVisitors: views.uniques };
  if (on.has('list')) {
    const [subs, ever] = await Promise.all([getSubscriberTotals(db, range), db.$client.execute('select count(*) as n, count(confirmed_at) as c from subscribers')]);
    data.list = { size: subs.listSize, confirmedRate: ratio(Number(ever.rows[0]!.c), Number(ever.rows[0]!.n)) };
  }
  if (on.has('ctr')) {
    const bySource = await getCountsByKey(db, 'clicks:source', range, today);
    const onSite = [...bySource].reduce((s, [k, c]) => s + (k.startsWith('/') ? c.count : 0), 0);
    data.ctr = ratio(onSite, views.count);
  }
  if (on.has('categories')) {
    const byLink = await getCountsByKey(db, 'clicks:link', range, today);
    const sums = new Map<string, number>();
    for (const [slug, c] of byLink) {
      const category = catalog.links.get(slug)?.category;
      if (category) sums.set(category, (sums.get(category) ?? 0) + c.count);
    }
    data.categories = toShares(sums, (k) => k);
  }
  if (on.has('devices')) data.devices = toShares(countsOf(await getCountsByKey(db, 'views:device', range, today)), (k) => k);
  if (on.has('countries')) data.countries = toShares(countsOf(await getCountsByKey(db, 'views:country', range, today)), (k) => k || 'Unknown');
  return data;
}

const countsOf = (m: Map<string, { count: number }>) => new Map([...m].map(([k, c]) => [k, c.count]));

function toShares(sums: Map<string, number>, label: (key: string) => string): Share[] {
  return [...sums].map(([key, clicks]) => ({ key, label: label(key), clicks })).sort((a, b) => b.clicks - a.clicks || a.key.localeCompare(b.key));
}
