import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The last health check of each tracked link's destination (src/tracking/link-health.ts).
 * `flaggedAt` is when it was first seen broken in its current run of failures (null while
 * healthy), so the studio can count the clicks it got since.
 */
export const linkHealth = sqliteTable('link_health', {
  slug: text('slug').primaryKey(),
  url: text('url').notNull(),
  state: text('state', { enum: ['ok', 'broken'] }).notNull(),
  reason: text('reason'),
  detail: text('detail'),
  status: integer('status'),
  checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull(),
  flaggedAt: integer('flagged_at', { mode: 'timestamp_ms' }),
});
