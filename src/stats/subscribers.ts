import type { Db } from '../../db/client.ts';
import { msOf, type DayRange } from './period.ts';
import { dayOf } from '../platform/time.ts';

export interface SubscriberTotals {
  /** Signups (any status) created in the range. */
  signups: number;
  confirmed: number;
  unsubscribes: number;
  /** Confirmed, not unsubscribed, not suppressed at the end of the range. */
  listSize: number;
}

/** Subscriber movements over a day range, from the subscribers table's time columns. */
export async function getSubscriberTotals(db: Db, range: DayRange): Promise<SubscriberTotals> {
  const { start, end } = msOf(range);
  const inRange = (column: string) => `(select count(*) from subscribers where ${column} >= :start and ${column} < :end)`;
  // The list size "as of" the range's end: someone who unsubscribed later was still on it.
  const result = await db.$client.execute({
    sql: `select ${inRange('created_at')} as signups, ${inRange('confirmed_at')} as confirmed,
            ${inRange('unsubscribed_at')} as unsubscribes,
            (select count(*) from subscribers where confirmed_at < :end
               and (status = 'confirmed' or unsubscribed_at >= :end)
               and (suppressed_at is null or suppressed_at >= :end)) as list_size`,
    args: { start, end },
  });
  const row = result.rows[0]!;
  return {
    signups: Number(row.signups),
    confirmed: Number(row.confirmed),
    unsubscribes: Number(row.unsubscribes),
    listSize: Number(row.list_size),
  };
}

/** Signups per source ("form:<page>#<form>", "import:<tool>") created in the range. */
export async function getSignupsBySource(db: Db, range: DayRange): Promise<Map<string, { signups: number; confirmed: number }>> {
  const { start, end } = msOf(range);
  const result = await db.$client.execute({
    sql: `select coalesce(source, '') as source, count(*) as signups, count(confirmed_at) as confirmed
          from subscribers where created_at >= ? and created_at < ? group by 1`,
    args: [start, end],
  });
  return new Map(result.rows.map((r) => [String(r.source), { signups: Number(r.signups), confirmed: Number(r.confirmed) }]));
}

/** Signups per UTC day in the range, for the chart. */
export async function getDailySignups(db: Db, range: DayRange): Promise<Map<string, number>> {
  const { start, end } = msOf(range);
  const result = await db.$client.execute({
    sql: `select created_at / 86400000 as d, count(*) as n from subscribers
          where created_at >= ? and created_at < ? group by d`,
    args: [start, end],
  });
  return new Map(result.rows.map((r) => [dayOf(Number(r.d) * 86_400_000), Number(r.n)]));
}

/** The page a signup form was on, from a source like "form:/posts/x/#footer"; null otherwise. */
export function signupPage(source: string): string | null {
  const match = /^form:([^#]*)/.exec(source);
  return match?.[1] ? match[1] : null;
}
