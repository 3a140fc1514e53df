import type { Db } from '../../db/client.ts';
import type { FilterReason } from '../tracking/bots.ts';
import type { DayRange } from './period.ts';

export type FilteredCounts = Record<'click' | 'view', Record<FilterReason, number>>;

/** How many bot, preview, prefetch and HEAD hits were left out of the counts in the range. */
export async function getFilteredCounts(db: Db, range: DayRange): Promise<FilteredCounts> {
  const empty = () => ({ bot: 0, preview: 0, prefetch: 0, head: 0 });
  const counts: FilteredCounts = { click: empty(), view: empty() };
  const result = await db.$client.execute({
    sql: `select kind, reason, sum(count) as n from filtered_hits where day between ? and ? group by kind, reason`,
    args: [range.from, range.to],
  });
  for (const row of result.rows) {
    const kind = String(row.kind) as 'click' | 'view';
    const reason = String(row.reason) as FilterReason;
    if (counts[kind] && reason in counts[kind]) counts[kind][reason] = Number(row.n);
  }
  return counts;
}
