import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Fixed-window abuse limits shared by every instance (src/platform/rate-limit.ts). Keys are
 * keyed hashes, never an IP or an address; rows are deleted once their window has ended.
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});
