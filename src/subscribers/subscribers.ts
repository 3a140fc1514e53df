import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { checkpointDb, type Db } from '../../db/client.ts';
import { emailQueue } from '../../db/schema/email.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { broadcastRecipients } from '../../db/schema/broadcasts.ts';
import { forgetRateLimitKey } from '../platform/rate-limit.ts';
import { addressLimitKey, SIGNUP_LIMITS } from './signup-limits.ts';

export type Subscriber = typeof subscribers.$inferSelect;

/** No second confirmation mail to one address within this window, whatever is submitted. */
export const RESEND_WINDOW_MS = 10 * 60 * 1000;

export interface SignupData {
  email: string;
  firstName?: string | null;
  /** "form:<page>#<form>". */
  source: string;
}

/** The subscriber row, or null. */
export async function findSubscriber(db: Db, id: number): Promise<Subscriber | null> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  return row ?? null;
}

/** The subscriber with this (normalised) address, or null. */
export async function findSubscriberByEmail(db: Db, email: string): Promise<Subscriber | null> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.email, email));
  return row ?? null;
}

async function lastConfirmationAt(db: Db, subscriberId: number): Promise<number | null> {
  const [row] = await db
    .select({ at: emailQueue.createdAt })
    .from(emailQueue)
    .where(and(eq(emailQueue.subscriberId, subscriberId), eq(emailQueue.kind, 'confirmation')))
    .orderBy(desc(emailQueue.createdAt))
    .limit(1);
  return row ? row.at.getTime() : null;
}

/**
 * Records a signup and says whether a confirmation mail should go out. New and unsubscribed
 * addresses become pending; a confirmed address is left alone; nobody gets a second
 * confirmation within RESEND_WINDOW_MS, and suppressed addresses (bounces, complaints) none.
 * The caller answers the same in every case, so the form never reveals who is on the list.
 */
export async function registerSignup(db: Db, data: SignupData, now = Date.now()): Promise<{ subscriber: Subscriber; sendConfirmation: boolean; confirmationKey?: string }> {
  await db
    .insert(subscribers)
    .values({ email: data.email, firstName: data.firstName || null, status: 'pending', source: data.source, createdAt: new Date(now) })
    .onConflictDoNothing({ target: subscribers.email });
  let subscriber = (await findSubscriberByEmail(db, data.email))!;
  if (subscriber.suppressedAt || subscriber.suppressionReason || subscriber.status === 'confirmed') return { subscriber, sendConfirmation: false };
  if (subscriber.status === 'unsubscribed') {
    // Signing up again is a fresh opt-in: it must be confirmed like the first one.
    [subscriber] = await db
      .update(subscribers)
      .set({ status: 'pending', source: data.source, firstName: data.firstName || subscriber.firstName })
      .where(and(eq(subscribers.id, subscriber.id), eq(subscribers.status, 'unsubscribed')))
      .returning();
    subscriber ??= (await findSubscriberByEmail(db, data.email))!;
  }
  const last = await lastConfirmationAt(db, subscriber.id);
  // Two signups of one address at once (on two instances) see the same last mail, so they
  // queue the confirmation under the same idempotency key: one row, one email.
  const confirmationKey = `confirmation-${subscriber.id}-${last ?? 'first'}`;
  return { subscriber, sendConfirmation: subscriber.status === 'pending' && (last === null || now - last >= RESEND_WINDOW_MS), confirmationKey };
}

/**
 * Confirms a pending subscriber. `changed` is true only for the request that made the
 * change, so the welcome mail goes out once however often the button is pressed.
 */
export async function confirmSubscriber(db: Db, id: number, now = Date.now()): Promise<{ subscriber: Subscriber | null; changed: boolean }> {
  const [updated] = await db
    .update(subscribers)
    .set({ status: 'confirmed', confirmedAt: new Date(now), unsubscribedAt: null })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'pending')))
    .returning();
  if (updated) return { subscriber: updated, changed: true };
  return { subscriber: await findSubscriber(db, id), changed: false };
}

/** Unsubscribes at once; idempotent. */
export async function unsubscribeSubscriber(db: Db, id: number, now = Date.now()): Promise<Subscriber | null> {
  await db
    .update(subscribers)
    .set({ status: 'unsubscribed', unsubscribedAt: new Date(now) })
    .where(and(eq(subscribers.id, id), or(eq(subscribers.status, 'pending'), eq(subscribers.status, 'confirmed'))));
  return findSubscriber(db, id);
}

/**
 * Undoes an unsubscribe from the signed link. The link reached the person's mailbox, which
 * is the proof a confirmation gives, so they return as confirmed.
 */
export async function resubscribeSubscriber(db: Db, id: number, now = Date.now()): Promise<Subscriber | null> {
  const current = await findSubscriber(db, id);
  if (!current || current.status !== 'unsubscribed') return current;
  await db
    .update(subscribers)
    .set({ status: 'confirmed', unsubscribedAt: null, confirmedAt: current.confirmedAt ?? new Date(now) })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'unsubscribed')));
  return findSubscriber(db, id);
}

/**
 * Deletes a subscriber's data (GDPR erasure): every row for the address, compared without
 * case, every queued or sent email to them, their lines in broadcast send logs and the signup
 * limit's count for the address.
 * Returns how many subscribers were deleted. Gone means gone from the files too: the freed
 * pages are zeroed (secure_delete) and the write-ahead log, which still holds the old pages,
 * is checkpointed and emptied (`logCleared` is false when a reader held it; the next stop
 * or delete clears it).
 */
export async function deleteSubscriber(db: Db, email: string): Promise<number> {
  return (await eraseSubscriber(db, email)).deleted;
}

export async function eraseSubscriber(db: Db, email: string): Promise<{ deleted: number; logCleared: boolean }> {
  if (db.$client.protocol === 'file') await db.$client.execute('PRAGMA secure_delete = ON');
  const same = (column: typeof subscribers.email | typeof emailQueue.toAddress | typeof broadcastRecipients.email) =>
    sql`lower(${column}) = ${email.toLowerCase()}`;
  const found = await db.select({ id: subscribers.id }).from(subscribers).where(same(subscribers.email));
  const ids = found.map((f) => f.id);
  await db.delete(emailQueue).where(or(same(emailQueue.toAddress), ids.length ? inArray(emailQueue.subscriberId, ids) : undefined));
  await db.delete(broadcastRecipients).where(or(same(broadcastRecipients.email), ids.length ? inArray(broadcastRecipients.subscriberId, ids) : undefined));
  if (ids.length) await db.delete(subscribers).where(inArray(subscribers.id, ids));
  // The signup limit's count for the address is a keyed hash of it: forgotten too.
  await forgetRateLimitKey(db, SIGNUP_LIMITS.perAddress, addressLimitKey(email));
  return { deleted: ids.length, logCleared: await checkpointDb(db) };
}
