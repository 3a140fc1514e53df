import type { InStatement } from '@libsql/client';
import type { Db } from '../../db/client.ts';
import { monthOf, msOf, previousMonth, type DayRange } from './period.ts';
import { dayOf, startOfDay } from '../platform/time.ts';

/** How one event table is folded into `stats_daily`: one GROUP BY per dimension. */
interface RollupSource {
  table: 'clicks' | 'views';
  /** Counted per day and key: unique clicks, or distinct daily visitors. */
  uniques: string;
  /**
   * Whether new rows can simply be added to a day's counts. True for clicks (a count and a
   * sum); false for views, whose distinct visitors of a day must be counted over the whole day.
   */
  additive: boolean;
  dimensions: Record<string, string>;
}

const SOURCES: RollupSource[] = [
  {
    table: 'clicks',
    uniques: 'sum(is_unique)',
    additive: true,
    dimensions: {
      clicks: "''",
      'clicks:link': 'link_slug',
      'clicks:source': "coalesce(source, '')",
      'clicks:placement': "coalesce(placement, '')",
      'clicks:referrer': "coalesce(referrer_host, '')",
      'clicks:device': 'device',
      'clicks:country': "coalesce(country, '')",
      // Keys joined by a tab. Placement per page: its CTR against that page's views.
      'clicks:source-placement': "coalesce(source, '') || char(9) || coalesce(placement, '')",
      // Per link, for brand reports (kept to two parts each so a day stays a few thousand rows).
      'clicks:link-source': "link_slug || char(9) || coalesce(source, '')",
      'clicks:link-placement': "link_slug || char(9) || coalesce(placement, '')",
      'clicks:link-device': "link_slug || char(9) || device",
      'clicks:link-country': "link_slug || char(9) || coalesce(country, '')",
    },
  },
  {
    table: 'views',
    uniques: 'count(distinct visitor_hash)',
    additive: false,
    dimensions: {
      views: "''",
      'views:path': 'path',
      'views:referrer': "coalesce(referrer_host, '')",
      'views:device': 'device',
      'views:country': "coalesce(country, '')",
    },
  },
];

const DAY_SQL = "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')";
// Days rebuilt per transaction: keeps the write lock short so click recording never waits long.
const DAYS_PER_BATCH = 7;

/**
 * Brings the daily roll-ups up to date with every click and view recorded since the last
 * call. New rows are found by row id above the stored high-water mark: clicks are added to
 * their days' counts (only the new rows are read); views, whose distinct visitors cannot be
 * added, have the days that received new rows counted again. Idempotent and safe to run
 * concurrently; late or back-dated rows are picked up too because they are found by row id,
 * not by time.
 */
export async function refreshRollups(db: Db, now = new Date()): Promise<void> {
  await resetIfOutdated(db);
  const changed = new Set<string>();
  for (const source of SOURCES) for (const day of await refreshSource(db, source)) changed.add(day);
  await refreshMonthly(db, changed, monthOf(dayOf(now.getTime())));
}

/** Bumped when the dimensions change: roll-ups built by an older version are rebuilt once. */
const ROLLUP_VERSION = 2;

async function resetIfOutdated(db: Db): Promise<void> {
  const client = db.$client;
  const [row] = (await client.execute("select last_id from stats_rollup_marks where source = 'version'")).rows;
  if (Number(row?.last_id ?? 0) >= ROLLUP_VERSION) return;
  await client.batch([
    'delete from stats_daily',
    'delete from stats_monthly',
    "delete from stats_rollup_marks where source in ('clicks', 'views', 'monthly')",
    { sql: "insert into stats_rollup_marks (source, last_id) values ('version', ?) on conflict (source) do update set last_id = excluded.last_id", args: [ROLLUP_VERSION] },
  ], 'write');
}

/** Re-sums the monthly roll-up of complete months that changed, or that ended since the last run. */
async function refreshMonthly(db: Db, changedDays: Set<string>, currentMonth: string): Promise<void> {
  const client = db.$client;
  const lastMonth = previousMonth(currentMonth);
  const [markRow] = (await client.execute("select last_id from stats_rollup_marks where source = 'monthly'")).rows;
  const built = markRow ? String(markRow.last_id).replace(/^(\d{4})(\d{2})$/, '$1-$2') : '0000-00';
  const months = new Set([...changedDays].map(monthOf).filter((m) => m < currentMonth));
  if (built < lastMonth) {
    const unbuilt = await client.execute({
      sql: 'select distinct substr(day, 1, 7) as month from stats_daily where day > ? and day < ?',
      args: [`${built}-31`, `${currentMonth}-01`],
    });
    for (const row of unbuilt.rows) months.add(String(row.month));
  }
  for (const month of months) {
    await client.batch([
      { sql: 'delete from stats_monthly where month = ?', args: [month] },
      {
        sql: `insert into stats_monthly (dimension, month, key, count, uniques)
              select dimension, ?, key, sum(count), sum(uniques) from stats_daily where day between ? and ? group by dimension, key`,
        args: [month, `${month}-01`, `${month}-31`],
      },
    ], 'write');
  }
  if (built < lastMonth) {
    await client.execute({ sql: "insert into stats_rollup_marks (source, last_id) values ('monthly', ?) on conflict (source) do update set last_id = excluded.last_id", args: [Number(lastMonth.replace('-', ''))] });
  }
}

/** Folds the new rows of one event table into stats_daily; returns the days it rebuilt. */
async function refreshSource(db: Db, source: RollupSource): Promise<string[]> {
  const client = db.$client;
  const [markRow] = (await client.execute({ sql: 'select last_id from stats_rollup_marks where source = ?', args: [source.table] })).rows;
  const [maxRow] = (await client.execute(`select max(rowid) as max from ${source.table}`)).rows;
  const mark = Number(markRow?.last_id ?? 0);
  const max = Number(maxRow?.max ?? 0);
  if (max === mark) return [];
  // Row ids only go down if rows were deleted and renumbered: rebuild everything then.
  const after = max < mark ? -1 : mark;
  const dayRows = await client.execute({
    sql: `select distinct ${DAY_SQL} as day from ${source.table} where rowid > ? order by day`,
    args: [after],
  });
  const days = dayRows.rows.map((r) => String(r.day));
  if (source.additive && after !== -1) {
    await client.batch(addStatements(source, max), 'write');
    return days;
  }
  if (after === -1) await client.execute({ sql: `delete from stats_daily where dimension in (${placeholders(source)})`, args: Object.keys(source.dimensions) });
  for (const range of toRanges(days)) await client.batch(rebuildStatements(source, range), 'write');
  await client.execute({
    sql: `insert into stats_rollup_marks (source, last_id) values (?, ?)
          on conflict (source) do update set last_id = max(last_id, excluded.last_id)`,
    args: [source.table, max],
  });
  return days;
}

/**
 * Adds the rows above the high-water mark to their days' counts and moves the mark, in one
 * transaction. The mark is read inside it, so two refreshes at once cannot add a row twice.
 */
function addStatements(source: RollupSource, max: number): InStatement[] {
  const rows = `temp.added_${source.table}`;
  const statements: InStatement[] = [
    `drop table if exists ${rows}`,
    {
      sql: `create temp table ${rows} as select ${DAY_SQL} as d, * from ${source.table}
            where rowid > (select coalesce(max(last_id), 0) from stats_rollup_marks where source = ?) and rowid <= ?`,
      args: [source.table, max],
    },
  ];
  for (const [dimension, key] of Object.entries(source.dimensions)) {
    statements.push({
      sql: `insert into stats_daily (dimension, day, key, count, uniques)
            select ?, d, ${key} as k, count(*), ${source.uniques} from ${rows} where true group by d, k
            on conflict (dimension, day, key) do update set count = count + excluded.count, uniques = uniques + excluded.uniques`,
      args: [dimension],
    });
  }
  statements.push(
    `drop table ${rows}`,
    {
      sql: `insert into stats_rollup_marks (source, last_id) values (?, ?)
            on conflict (source) do update set last_id = max(last_id, excluded.last_id)`,
      args: [source.table, max],
    },
  );
  return statements;
}

function rebuildStatements(source: RollupSource, range: DayRange): InStatement[] {
  const { start, end } = msOf(range);
  const names = Object.keys(source.dimensions);
  // The range's rows are copied once into a temp table: one index scan of the event table
  // instead of one per dimension, then each GROUP BY runs over the small copy.
  const rows = `temp.rollup_${source.table}`;
  const statements: InStatement[] = [
    `drop table if exists ${rows}`,
    { sql: `create temp table ${rows} as select ${DAY_SQL} as d, * from ${source.table} where created_at >= ? and created_at < ?`, args: [start, end] },
    { sql: `delete from stats_daily where dimension in (${placeholders(source)}) and day between ? and ?`, args: [...names, range.from, range.to] },
  ];
  for (const [dimension, key] of Object.entries(source.dimensions)) {
    statements.push({
      sql: `insert into stats_daily (dimension, day, key, count, uniques)
            select ?, d, ${key} as k, count(*), ${source.uniques} from ${rows} group by d, k`,
      args: [dimension],
    });
  }
  statements.push(`drop table ${rows}`);
  return statements;
}

/** Sorted days → runs of consecutive days, each at most DAYS_PER_BATCH long. */
function toRanges(days: string[]): DayRange[] {
  const ranges: DayRange[] = [];
  for (const day of days) {
    const last = ranges.at(-1);
    const follows = last && startOfDay(day) - startOfDay(last.to) === 86_400_000;
    const full = last && (startOfDay(last.to) - startOfDay(last.from)) / 86_400_000 + 1 >= DAYS_PER_BATCH;
    if (last && follows && !full) last.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges;
}

function placeholders(source: RollupSource): string {
  return Object.keys(source.dimensions).map(() => '?').join(', ');
}

