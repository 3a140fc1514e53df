import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailQueue, type QueuedEmail } from '../../db/schema/email.ts';
import type { OutgoingEmail } from './outgoing-email.ts';

/** A rendered email with what the queue needs to know about it. */
export interface EmailToQueue extends Omit<OutgoingEmail, 'headers'> {
  kind: string;
  subscriberId?: number | null;
  headers?: Record<string, string>;
  /** Defaults to a fresh random key; pass a stable one to make enqueueing itself idempotent. */
  idempotencyKey?: string;
}

/** What a transport reports for one attempt. */
export type SendOutcome = { ok: true; id: string } | { ok: false; error: string; retryAfterMs?: number };

/** Something that delivers one queued email: Resend, or the local outbox. */
export interface MailTransport {
  name: string;
  send(mail: QueuedEmail): Promise<SendOutcome>;
}

export interface QueueOptions {
  now?: number;
  /** Rows claimed per pass. */
  limit?: number;
  /** How long a claim holds before another pass may assume the sender died. */
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

/**
 * Writes an email to the durable queue; the worker sends it. Returns the row id. A second
 * call with the same idempotency key returns the existing row instead of a duplicate.
 */
export async function enqueueEmail(db: Db, mail: EmailToQueue, now = Date.now()): Promise<number> {
  const key = mail.idempotencyKey ?? `${mail.kind}-${randomUUID()}`;
  const [row] = await db
    .insert(emailQueue)
    .values({
      createdAt: new Date(now),
      kind: mail.kind,
      subscriberId: mail.subscriberId ?? null,
      toAddress: mail.to,
      fromAddress: mail.from,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: JSON.stringify(mail.headers ?? {}),
      idempotencyKey: key,
      status: 'pending',
      nextAttemptAt: new Date(now),
    })
    .onConflictDoNothing({ target: emailQueue.idempotencyKey })
    .returning({ id: emailQueue.id });
  if (row) return row.id;
  const [existing] = await db.select({ id: emailQueue.id }).from(emailQueue).where(eq(emailQueue.idempotencyKey, key));
  return existing!.id;
}

/** Exponential backoff with a little jitter, or the provider's own retry-after. */
export function retryDelay(attempts: number, retryAfterMs: number | undefined, base: number, max: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), max);
  const exponential = base * 2 ** Math.max(attempts - 1, 0);
  return Math.min(exponential * (1 + Math.random() * 0.2), max);
}

/**
 * Claims due rows (pending and due, or a lapsed claim of a sender that died) one by one with
 * a conditional update, so two workers never send the same row in the same pass.
 */
async function claimDue(db: Db, now: number, limit: number, leaseMs: number): Promise<QueuedEmail[]> {
  const due = await db
    .select({ id: emailQueue.id, status: emailQueue.status, nextAttemptAt: emailQueue.nextAttemptAt })
    .from(emailQueue)
    .where(and(inArray(emailQueue.status, ['pending', 'sending']), lte(emailQueue.nextAttemptAt, new Date(now))))
    .orderBy(asc(emailQueue.nextAttemptAt))
    .limit(limit);
  const claimed: QueuedEmail[] = [];
  for (const row of due) {
    const [mail] = await db
      .update(emailQueue)
      .set({ status: 'sending', nextAttemptAt: new Date(now + leaseMs) })
      .where(and(eq(emailQueue.id, row.id), eq(emailQueue.status, row.status), eq(emailQueue.nextAttemptAt, row.nextAttemptAt)))
      .returning();
    if (mail) claimed.push(mail);
  }
  return claimed;
}

/**
 * One pass of the queue: sends what is due and records each outcome. Failures go back to
 * pending with backoff; after `maxAttempts` a row is marked failed and kept for the creator.
 */
export async function processDueEmails(db: Db, transport: MailTransport, options: QueueOptions = {}) {
  const { now = Date.now(), limit = 20, leaseMs = 60_000, baseDelayMs = 2_000, maxDelayMs = 30 * 60_000, maxAttempts = 12 } = options;
  const result = { sent: 0, retried: 0, failed: 0 };
  for (const mail of await claimDue(db, now, limit, leaseMs)) {
    const attempts = mail.attempts + 1;
    const outcome = await transport.send(mail);
    const done = Date.now();
    if (outcome.ok) {
      await db.update(emailQueue).set({ status: 'sent', attempts, sentAt: new Date(done), providerId: outcome.id, lastError: null }).where(eq(emailQueue.id, mail.id));
      result.sent++;
    } else if (attempts >= maxAttempts) {
      await db.update(emailQueue).set({ status: 'failed', attempts, lastError: outcome.error }).where(eq(emailQueue.id, mail.id));
      result.failed++;
    } else {
      const delay = retryDelay(attempts, outcome.retryAfterMs, baseDelayMs, maxDelayMs);
      await db.update(emailQueue).set({ status: 'pending', attempts, lastError: outcome.error, nextAttemptAt: new Date(done + delay) }).where(eq(emailQueue.id, mail.id));
      result.retried++;
    }
  }
  return result;
}

/** When the next queued email is due (ms epoch), or null when nothing waits. */
export async function nextDueAt(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ at: emailQueue.nextAttemptAt })
    .from(emailQueue)
    .where(inArray(emailQueue.status, ['pending', 'sending']))
    .orderBy(asc(emailQueue.nextAttemptAt))
    .limit(1);
  return row ? row.at.getTime() : null;
}
