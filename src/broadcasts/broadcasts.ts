/**
 * The broadcast send log: freezing the recipient list, claiming a batch before it is sent
 * and recording the outcome after, so a killed send resumes without duplicates or misses.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { broadcastRecipients, broadcasts } from '../../db/schema/broadcasts.ts';
import { subscribers } from '../../db/schema/subscribers.ts';

export type Broadcast = typeof broadcasts.$inferSelect;
export type Recipient = { subscriberId: number; email: string };
export type RecipientStatus = (typeof broadcastRecipients.$inferSelect)['status'];

const eligible = and(eq(subscribers.status, 'confirmed'), isNull(subscribers.suppressedAt));

/** How many subscribers a send started now would mail: confirmed and not suppressed. */
export async function countEligibleSubscribers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(subscribers).where(eligible);
  return row!.n;
}

export async function getBroadcast(db: Db, name: string): Promise<Broadcast | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.name, name));
  return row;
}

export interface FreezeInput {
  name: string;
  subject: string;
  from: string;
  html: string;
  text: string;
  batchSize: number;
}

/**
 * Creates the broadcast with its content and recipient list, frozen in one transaction:
 * eligible subscribers in id order, numbered into batches of `batchSize`.
 */
export async function freezeBroadcast(db: Db, input: FreezeInput, now = new Date()): Promise<Broadcast> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(broadcasts)
      .values({ ...input, status: 'sending', recipientCount: 0, createdAt: now })
      .returning();
    const id = created!.id;
    // libSQL binds JS numbers as REAL: the CAST keeps the division an integer one.
    await tx.run(sql`
      INSERT INTO broadcast_recipients (broadcast_id, subscriber_id, email, batch, status)
      SELECT ${id}, id, email, (ROW_NUMBER() OVER (ORDER BY id) - 1) / CAST(${input.batchSize} AS INTEGER), 'queued'
      FROM subscribers WHERE status = 'confirmed' AND suppressed_at IS NULL`);
    const [{ n }] = (await tx.select({ n: count() }).from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, id))) as [{ n: number }];
    const [frozen] = await tx.update(broadcasts).set({ recipientCount: n }).where(eq(broadcasts.id, id)).returning();
    return frozen!;
  });
}

/** Batch numbers that still need sending, in order: those interrupted mid-send included. */
export async function getOpenBatches(db: Db, broadcastId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ batch: broadcastRecipients.batch })
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.broadcastId, broadcastId), inArray(broadcastRecipients.status, ['queued', 'sending'])))
    .orderBy(asc(broadcastRecipients.batch));
  return rows.map((r) => r.batch);
}

/**
 * Marks a batch as being sent (before the API call) and returns its recipients. A batch
 * already marked comes back unchanged, so its retry has the same contents and idempotency
 * key; a fresh one first drops subscribers who left or were suppressed since the freeze.
 */
export async function claimBatch(db: Db, broadcastId: number, batch: number, now = new Date()): Promise<{ recipients: Recipient[]; skipped: number }> {
  return db.transaction(async (tx) => {
    const inBatch = and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.batch, batch));
    const claimed = await tx
      .select({ subscriberId: broadcastRecipients.subscriberId, email: broadcastRecipients.email })
      .from(broadcastRecipients)
      .where(and(inBatch, eq(broadcastRecipients.status, 'sending')))
      .orderBy(asc(broadcastRecipients.subscriberId));
    if (claimed.length) return { recipients: claimed, skipped: 0 };
    const skips = await tx.run(sql`
      UPDATE broadcast_recipients SET status = 'skipped'
      WHERE broadcast_id = ${broadcastId} AND batch = ${batch} AND status = 'queued'
        AND subscriber_id NOT IN (SELECT id FROM subscribers WHERE status = 'confirmed' AND suppressed_at IS NULL)`);
    const recipients = await tx
      .update(broadcastRecipients)
      .set({ status: 'sending', attemptedAt: now })
      .where(and(inBatch, eq(broadcastRecipients.status, 'queued')))
      .returning({ subscriberId: broadcastRecipients.subscriberId, email: broadcastRecipients.email });
    return { recipients: recipients.sort((a, b) => a.subscriberId - b.subscriberId), skipped: skips.rowsAffected };
  });
}

export interface RecipientResult {
  subscriberId: number;
  messageId?: string;
  error?: string;
}

/** Records a batch's outcome (after the API call), one row per recipient, atomically. */
export async function recordBatch(db: Db, broadcastId: number, results: RecipientResult[], now = new Date()): Promise<void> {
  if (!results.length) return;
  const statements = results.map((r) =>
    db
      .update(broadcastRecipients)
      .set(r.error ? { status: 'failed', error: r.error } : { status: 'sent', sentAt: now, messageId: r.messageId ?? null })
      .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.subscriberId, r.subscriberId))),
  );
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

/** Marks the broadcast sent once no batch is open. */
export async function finishBroadcast(db: Db, broadcastId: number, now = new Date()): Promise<void> {
  await db.update(broadcasts).set({ status: 'sent', completedAt: now }).where(eq(broadcasts.id, broadcastId));
}

/** Recipients per status, every status present (0 when none). */
export async function countRecipients(db: Db, broadcastId: number): Promise<Record<RecipientStatus, number>> {
  const counts: Record<RecipientStatus, number> = { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
  const rows = await db
    .select({ status: broadcastRecipients.status, n: count() })
    .from(broadcastRecipients)
    .where(eq(broadcastRecipients.broadcastId, broadcastId))
    .groupBy(broadcastRecipients.status);
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
