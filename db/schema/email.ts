import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The durable mail queue. Every email Perch sends is written here first, fully rendered,
 * so a signup is never lost when the provider is down, and a worker retries with backoff.
 * The idempotency key goes to Resend with every attempt: a retry after a crash mid-send
 * cannot deliver the same mail twice.
 */
export const emailQueue = sqliteTable(
  'email_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** What the mail is, e.g. "confirmation", "welcome", "broadcast:<name>". */
    kind: text('kind').notNull(),
    /** Null for mail to someone who is not a subscriber (e.g. a test send). */
    subscriberId: integer('subscriber_id'),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Extra headers as JSON (List-Unsubscribe and friends). */
    headers: text('headers').notNull().default('{}'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the worker may (re)try; while sending, when the claim lapses after a crash. */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** The provider's message id, or the outbox file name. */
    providerId: text('provider_id'),
  },
  (t) => [
    index('email_queue_due_idx').on(t.status, t.nextAttemptAt),
    index('email_queue_subscriber_kind_idx').on(t.subscriberId, t.kind, t.createdAt),
  ],
);

export type QueuedEmail = typeof emailQueue.$inferSelect;
