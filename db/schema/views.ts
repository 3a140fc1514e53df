import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per counted page view, recorded by the first-party beacon (POST /api/view).
 * Bots, previews and prefetches go to `filtered_hits` with kind "view" instead.
 */
export const views = sqliteTable(
  'views',
  {
    // AUTOINCREMENT: ids are never reused, so the stats roll-ups can use the id as a high-water mark.
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Page path, e.g. "/posts/best-paddles-2026/". */
    path: text('path').notNull(),
    /** Host of the page's document.referrer, lower-case, without "www."; null when direct. */
    referrerHost: text('referrer_host'),
    device: text('device', { enum: ['mobile', 'tablet', 'desktop'] }).notNull(),
    country: text('country'),
    /** Same daily-salted hash as clicks: never the IP itself. */
    visitorHash: text('visitor_hash').notNull(),
  },
  (t) => [index('views_created_at_idx').on(t.createdAt)],
);
