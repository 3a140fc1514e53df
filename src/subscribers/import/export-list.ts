import { stringify } from 'csv-stringify/sync';
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { subscribers } from '../../../db/schema/subscribers.ts';

/** Perch's export columns; `subscribers import` reads them back (the plain format). */
export const EXPORT_COLUMNS = [
  'email', 'first_name', 'last_name', 'status', 'suppression_reason', 'suppressed_at',
  'signed_up_at', 'confirmed_at', 'unsubscribed_at', 'added_at', 'source', 'status_source', 'tags',
] as const;

const iso = (date: Date | null) => (date ? date.toISOString() : '');
const PAGE = 2000;

/**
 * The whole list as CSV, streamed page by page: status, suppression reason and every date
 * (ISO 8601, UTC; empty when not known), consent and status sources, tags as a JSON array.
 * Importing it into an empty database gives the same list.
 */
export async function* exportSubscribers(db: Db): AsyncGenerator<string> {
  yield stringify([[...EXPORT_COLUMNS]]);
  let after = 0;
  for (;;) {
    const rows = await db.select().from(subscribers).where(gt(subscribers.id, after)).orderBy(asc(subscribers.id)).limit(PAGE);
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    yield stringify(rows.map((s) => [
      s.email, s.firstName ?? '', s.lastName ?? '', s.status, s.suppressionReason ?? '', iso(s.suppressedAt),
      iso(s.signedUpAt), iso(s.confirmedAt), iso(s.unsubscribedAt), iso(s.createdAt), s.source ?? '', s.statusSource ?? '', s.tags ?? '',
    ]));
  }
}
