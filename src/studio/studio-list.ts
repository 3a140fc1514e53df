/**
 * The email list as the studio shows it: search and filters, one person's history, and the
 * list's own functions for deletion, import and export (src/subscribers), behind small
 * wrappers here so the studio and the command line always do the same thing.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { broadcastRecipients, broadcasts } from '../../db/schema/broadcasts.ts';
import { emailQueue } from '../../db/schema/email.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { exportSubscribersCsv, importSubscribers, type ImportTool, type ListImportResult } from '../subscribers/subscriber-csv.ts';
import { deleteSubscriber, findSubscriber, type Subscriber } from '../subscribers/subscribers.ts';

export const STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export const PAGE_SIZE = 50;

export interface ListQuery {
  q: string;
  status: (typeof STATUSES)[number] | '';
  source: string;
  page: number;
}

/** The query of a list URL, with anything unexpected dropped. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const status = params.get('status') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    status: (STATUSES as readonly string[]).includes(status) ? (status as ListQuery['status']) : '',
    source: (params.get('source') ?? '').slice(0, 200),
    page: Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1)),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of matching subscribers, newest first, and how many match in all. */
export async function searchSubscribers(db: Db, query: ListQuery): Promise<{ rows: Subscriber[]; total: number }> {
  const where = and(
    query.q ? sql`lower(${subscribers.email}) LIKE ${`%${escapeLike(query.q.toLowerCase())}%`} ESCAPE '\\'` : undefined,
    query.status ? eq(subscribers.status, query.status) : undefined,
    query.source ? eq(subscribers.source, query.source) : undefined,
  );
  const q = where;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(subscribers).where(q).orderBy(desc(subscribers.createdAt), desc(subscribers.id)).limit(PAGE_SIZE).offset((query.page - 1) * PAGE_SIZE),
    db.select({ total: sql<number>`count(*)` }).from(subscribers).where(q),
  ]);
  return { rows, total };
}

/** The consent sources on the list, for the filter. */
export async function listSources(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ source: subscribers.source }).from(subscribers).orderBy(asc(subscribers.source));
  return rows.map((r) => r.source).filter((s): s is string => !!s);
}

export interface HistoryEvent {
  at: Date;
  what: string;
}

/** A subscriber's story, oldest first: signup, confirmation, every email, unsubscribe, suppression. */
export async function subscriberHistory(db: Db, id: number): Promise<{ subscriber: Subscriber; events: HistoryEvent[] } | null> {
  const subscriber = await findSubscriber(db, id);
  if (!subscriber) return null;
  const events: HistoryEvent[] = [{ at: subscriber.createdAt, what: `Signed up (${subscriber.source ?? 'unknown source'})` }];
  if (subscriber.confirmedAt) events.push({ at: subscriber.confirmedAt, what: 'Confirmed' });
  const mails = await db.select({ at: emailQueue.createdAt, sentAt: emailQueue.sentAt, kind: emailQueue.kind, subject: emailQueue.subject, status: emailQueue.status }).from(emailQueue).where(eq(emailQueue.subscriberId, id));
  for (const m of mails) events.push({ at: m.sentAt ?? m.at, what: `Email “${m.subject}” (${m.kind}): ${m.status}` });
  const sends = await db
    .select({ name: broadcasts.name, subject: broadcasts.subject, status: broadcastRecipients.status, at: broadcastRecipients.sentAt, tried: broadcastRecipients.attemptedAt })
    .from(broadcastRecipients)
    .innerJoin(broadcasts, eq(broadcasts.id, broadcastRecipients.broadcastId))
    .where(eq(broadcastRecipients.subscriberId, id));
  for (const s of sends) if (s.at ?? s.tried) events.push({ at: (s.at ?? s.tried)!, what: `Newsletter “${s.subject}” (${s.name}): ${s.status}` });
  if (subscriber.unsubscribedAt) events.push({ at: subscriber.unsubscribedAt, what: 'Unsubscribed' });
  if (subscriber.suppressedAt) events.push({ at: subscriber.suppressedAt, what: `Never mailed again (${subscriber.suppressionReason})` });
  return { subscriber, events: events.sort((a, b) => a.at.getTime() - b.at.getTime()) };
}

/** The same erasure as `npm run subscribers -- delete`: the person, their queued and sent mail, their send-log lines. */
export function eraseSubscriber(db: Db, email: string): Promise<number> {
  return deleteSubscriber(db, email);
}

/** The same CSV as `npm run subscribers -- export`. */
export function exportList(db: Db): Promise<string> {
  return exportSubscribersCsv(db);
}

/** The same import as `npm run subscribers -- import` (Mailchimp, Kit, beehiiv, Substack, MailerLite or Perch's own columns). */
export function importList(db: Db, file: Uint8Array, fileName: string, tool?: ImportTool): Promise<ListImportResult> {
  return importSubscribers(db, file, { tool, fileName });
}
