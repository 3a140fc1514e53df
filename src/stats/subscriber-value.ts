import type { Db } from '../../db/client.ts';
import type { EarningsStats } from '../earnings/stats.ts';
import type { Count } from './counts.ts';
import { col, ratio, type StatsTable } from './table.ts';

/** Newsletter name → signup source → how many of its sent recipients came from that source. */
export type RecipientSources = Map<string, Map<string, number>>;

/**
 * Who each newsletter went to, by the recipients' signup source, from the send log joined to
 * the list (nothing new is stored). A deleted subscriber counts under "(deleted)".
 */
export async function getRecipientSources(db: Db): Promise<RecipientSources> {
  const result = await db.$client.execute(
    `select b.name as name, coalesce(s.source, '(deleted)') as source, count(*) as n
     from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id
     left join subscribers s on s.id = r.subscriber_id
     where r.status = 'sent' group by 1, 2`,
  );
  const out: RecipientSources = new Map();
  for (const r of result.rows) {
    const name = String(r.name);
    if (!out.has(name)) out.set(name, new Map());
    out.get(name)!.set(String(r.source), Number(r.n));
  }
  return out;
}

export interface SourceValue {
  signups: number;
  confirmed: number;
  /** Newsletters delivered to subscribers from this source. */
  reached: number;
  emailClicks: number;
  commissionCents: number;
}

/**
 * Email clicks and their commission per signup source. Email links say which newsletter a
 * click came from, not which reader: each newsletter's clicks and commission are shared out
 * by the share of its recipients from each source (an estimate, stated as such on the page).
 */
export function getSourceValues(
  signups: Map<string, { signups: number; confirmed: number }>,
  recipients: RecipientSources,
  clicksBySource: Map<string, Count>,
  earnings: EarningsStats,
): Map<string, SourceValue> {
  const values = new Map<string, SourceValue>();
  const value = (source: string) => {
    let v = values.get(source);
    if (!v) values.set(source, (v = { signups: 0, confirmed: 0, reached: 0, emailClicks: 0, commissionCents: 0 }));
    return v;
  };
  for (const [source, s] of signups) Object.assign(value(source || '(unknown)'), { signups: s.signups, confirmed: s.confirmed });
  const commission = new Map(earnings.newsletters.map((n) => [n.key, n.commissionCents]));
  for (const [name, bySource] of recipients) {
    const total = [...bySource.values()].reduce((a, b) => a + b, 0);
    const clicks = clicksBySource.get(`email:${name}`)?.count ?? 0;
    const cents = commission.get(name) ?? 0;
    for (const [source, n] of bySource) {
      const v = value(source || '(unknown)');
      v.reached += n;
      v.emailClicks += (clicks * n) / total;
      v.commissionCents += (cents * n) / total;
    }
  }
  return values;
}

/** The subscriber-value table: per signup source, confirmed, email clicks and commission (estimated). */
export function buildSubscriberValueTable(values: Map<string, SourceValue>, currency: string): StatsTable {
  const rows = [...values].map(([source, v]) => ({
    source,
    signups: v.signups,
    confirmed: v.confirmed,
    confirm_rate: ratio(v.confirmed, v.signups),
    reached: v.reached,
    email_clicks: Math.round(v.emailClicks * 10) / 10,
    commission: Math.round(v.commissionCents) / 100,
  }));
  return {
    id: 'subscriber-value',
    title: 'Subscriber value by signup source',
    note: 'Signups and confirmed: in this period. Email clicks and commission: this period’s newsletter clicks and sales, shared out by the share of each newsletter’s recipients from the source (email links do not say which reader clicked).',
    rowKey: 'source',
    currency,
    columns: [
      col('source', 'Signup source', 'text'), col('commission', 'Commission (est.)', 'money'), col('email_clicks', 'Email clicks (est.)', 'decimal'),
      col('confirmed', 'Confirmed'), col('signups', 'Signups'), col('confirm_rate', 'Confirmed %', 'percent'), col('reached', 'Newsletters delivered'),
    ],
    rows: rows.sort((a, b) => b.commission - a.commission || b.email_clicks - a.email_clicks || b.signups - a.signups || a.source.localeCompare(b.source)),
  };
}
