import type { Db } from '../../db/client.ts';
import { splitByMonth, type DayRange } from './period.ts';
import { dayOf } from '../platform/time.ts';

/** A count and its uniques (unique clicks, or daily visitors for views). */
export interface Count {
  count: number;
  uniques: number;
}

/** Roll-up dimensions (see src/stats/rollups.ts). */
export type Dimension =
  | 'clicks' | 'clicks:link' | 'clicks:source' | 'clicks:placement' | 'clicks:referrer' | 'clicks:device' | 'clicks:country'
  | 'clicks:source-placement' | 'clicks:link-source' | 'clicks:link-placement' | 'clicks:link-device' | 'clicks:link-country'
  | 'views' | 'views:path' | 'views:referrer' | 'views:device' | 'views:country';

/**
 * Counts per key of one dimension over a day range, read from the daily roll-ups
 * (call refreshRollups first, with the same `today`). Keys are "" where the value was unknown.
 */
export async function getCountsByKey(db: Db, dimension: Dimension, range: DayRange, today = dayOf(Date.now()), prefixes?: string[]): Promise<Map<string, Count>> {
  // Complete months come from the monthly roll-up: a year is 12 rows per key, not 365.
  const { months, days } = splitByMonth(range, today);
  const parts: string[] = [];
  const args: string[] = [];
  // Tab-joined keys of one link (say): "slug\t…" sorts between "slug\t" and "slug\n".
  const only = prefixes ? ` and (${prefixes.map(() => '(key >= ? and key < ?)').join(' or ') || 'false'})` : '';
  const onlyArgs = prefixes?.flatMap((p) => [`${p}\t`, `${p}\n`]) ?? [];
  if (months) {
    parts.push(`select key, count, uniques from stats_monthly where dimension = ? and month between ? and ?${only}`);
    args.push(dimension, months.from, months.to, ...onlyArgs);
  }
  for (const d of days) {
    parts.push(`select key, count, uniques from stats_daily where dimension = ? and day between ? and ?${only}`);
    args.push(dimension, d.from, d.to, ...onlyArgs);
  }
  const result = await db.$client.execute({
    sql: `select key, sum(count) as count, sum(uniques) as uniques from (${parts.join(' union all ')}) group by key`,
    args,
  });
  return new Map(result.rows.map((r) => [String(r.key), { count: Number(r.count), uniques: Number(r.uniques) }]));
}

/** Total of a dimension over a day range (zero when nothing happened). */
export async function getTotal(db: Db, dimension: 'clicks' | 'views', range: DayRange, today?: string): Promise<Count> {
  return (await getCountsByKey(db, dimension, range, today)).get('') ?? { count: 0, uniques: 0 };
}

/** Per-day totals of a dimension, for the chart. Days without events are absent. */
export async function getDailyTotals(db: Db, dimension: 'clicks' | 'views', range: DayRange): Promise<Map<string, number>> {
  const result = await db.$client.execute({
    sql: `select day, count from stats_daily where dimension = ? and day between ? and ? and key = ''`,
    args: [dimension, range.from, range.to],
  });
  return new Map(result.rows.map((r) => [String(r.day), Number(r.count)]));
}

/** The first day with any click or view, for "all time". */
export async function getFirstDay(db: Db): Promise<string | null> {
  const result = await db.$client.execute(
    `select min(day) as day from stats_daily where dimension in ('clicks', 'views')
     union all select strftime('%Y-%m-%d', min(created_at) / 1000, 'unixepoch') from subscribers`,
  );
  const days = result.rows.map((r) => r.day).filter((d): d is string => typeof d === 'string');
  return days.sort()[0] ?? null;
}
