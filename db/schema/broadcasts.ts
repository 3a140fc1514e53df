import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per newsletter sent to the list. The rendered content is frozen here when the send
 * starts, so a resumed send mails exactly what the first run mailed (and a re-sent batch has
 * the same payload, which Resend's idempotency check requires).
 */
export const broadcasts = sqliteTable('broadcasts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The newsletter's file name in content/emails/, without .mdx. One broadcast per name. */
  name: text('name').notNull().unique(),
  subject: text('subject').notNull(),
  from: text('from').notNull(),
  /** HTML and text with the `{{unsubscribe_url}}` placeholder, replaced per recipient. */
  html: text('html').notNull(),
  text: text('text').notNull(),
  status: text('status', { enum: ['sending', 'sent'] }).notNull(),
  recipientCount: integer('recipient_count').notNull(),
  batchSize: integer('batch_size').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  /** The process sending it now ("host:pid:random"), so a second send waits instead of racing. */
  leaseOwner: text('lease_owner'),
  /** The lease lapses here unless renewed: a send that died frees the broadcast on its own. */
  leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
});

/**
 * The frozen recipient list and the per-recipient send log. A batch's rows move
 * queued → sending (written before the API call) → sent (written after it); `skipped` when
 * the subscriber left or was suppressed before their batch went out, `failed` when Resend
 * refused that one address.
 */
export const broadcastRecipients = sqliteTable(
  'broadcast_recipients',
  {
    broadcastId: integer('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    /** No foreign key: deleting a subscriber (GDPR) must not be blocked by the send log. */
    subscriberId: integer('subscriber_id').notNull(),
    email: text('email').notNull(),
    /** Batch number fixed at freeze time, so a retried batch has the same contents and key. */
    batch: integer('batch').notNull(),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'skipped', 'failed'] }).notNull(),
    /** Resend's email id, when the API returned one. */
    messageId: text('message_id'),
    attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.subscriberId] }),
    index('broadcast_recipients_batch_idx').on(t.broadcastId, t.batch),
    index('broadcast_recipients_status_idx').on(t.broadcastId, t.status),
  ],
);
