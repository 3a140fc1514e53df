import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Ids of signed webhook messages already received, kept for the signature's tolerance window
 * so a captured request sent again is refused (src/subscribers/resend-webhook.ts).
 */
export const webhookMessages = sqliteTable('webhook_messages', {
  id: text('id').primaryKey(),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
});
