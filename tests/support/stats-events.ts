import type { Db } from '../../db/client.ts';

/** A click row for tests; only what a test cares about needs to be given. */
export interface TestClick {
  at: string | number;
  link?: string;
  source?: string | null;
  placement?: string | null;
  referrer?: string | null;
  device?: 'mobile' | 'tablet' | 'desktop';
  country?: string | null;
  visitor?: string;
  unique?: boolean;
}

export interface TestView {
  at: string | number;
  path?: string;
  referrer?: string | null;
  device?: 'mobile' | 'tablet' | 'desktop';
  country?: string | null;
  visitor?: string;
}

let n = 0;
const ms = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at));

/** Inserts clicks with plain SQL, as the redirect's recorder would store them. */
export async function insertClicks(db: Db, clicks: TestClick[]): Promise<void> {
  for (const c of clicks) {
    await db.$client.execute({
      sql: `insert into clicks (id, created_at, link_slug, source, placement, referrer_host, device, country, visitor_hash, is_unique) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [`t${n++}`, ms(c.at), c.link ?? 'vantage-pro-16-amazon', c.source === undefined ? '/posts/best-paddles-2026/' : c.source, c.placement ?? null, c.referrer ?? null, c.device ?? 'mobile', c.country ?? null, c.visitor ?? 'v1', c.unique === false ? 0 : 1],
    });
  }
}

/** Inserts page views with plain SQL. */
export async function insertViews(db: Db, views: TestView[]): Promise<void> {
  for (const v of views) {
    await db.$client.execute({
      sql: 'insert into views (created_at, path, referrer_host, device, country, visitor_hash) values (?, ?, ?, ?, ?, ?)',
      args: [ms(v.at), v.path ?? '/posts/best-paddles-2026/', v.referrer ?? null, v.device ?? 'mobile', v.country ?? null, v.visitor ?? 'v1'],
    });
  }
}

/** Inserts a subscriber with the given times. */
export async function insertSubscriber(db: Db, s: { email: string; status: 'pending' | 'confirmed' | 'unsubscribed'; source?: string; created: string; confirmed?: string; unsubscribed?: string; suppressed?: string }): Promise<void> {
  await db.$client.execute({
    sql: 'insert into subscribers (email, status, source, created_at, confirmed_at, unsubscribed_at, suppressed_at) values (?, ?, ?, ?, ?, ?, ?)',
    args: [s.email, s.status, s.source ?? null, ms(s.created), s.confirmed ? ms(s.confirmed) : null, s.unsubscribed ? ms(s.unsubscribed) : null, s.suppressed ? ms(s.suppressed) : null],
  });
}
