import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per counted click on /go/<slug>. Bots, previews, HEAD and prefetches are not here. */
export const clicks = sqliteTable(
  'clicks',
  {
    /** Click id, forwarded to the merchant as the sub-ID (URL-safe, [A-Za-z0-9]). */
    id: text('id').primaryKey(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    linkSlug: text('link_slug').notNull(),
    /** Page path ("/posts/best-paddles/"), "email:<name>" for newsletters, or null (direct). */
    source: text('source'),
    /** Component and position on the page, e.g. "product-card:2", "bio:entry-3". */
    placement: text('placement'),
    referrerHost: text('referrer_host'),
    device: text('device', { enum: ['mobile', 'tablet', 'desktop'] }).notNull(),
    country: text('country'),
    /** Hash of IP + user agent with a daily salt; never the IP itself. */
    visitorHash: text('visitor_hash').notNull(),
    /** First click by this visitor on this link within an hour. */
    isUnique: integer('is_unique', { mode: 'boolean' }).notNull(),
  },
  // Only the time index: the stats read clicks through roll-ups (by row id, then by day), and
  // every extra index is paid for on each of the hot path's inserts.
  (t) => [index('clicks_created_at_idx').on(t.createdAt)],
);

/** Per-day counts of what was filtered out, so the stats can say how much. */
export const filteredHits = sqliteTable(
  'filtered_hits',
  {
    /** UTC day, YYYY-MM-DD. */
    day: text('day').notNull(),
    kind: text('kind', { enum: ['click', 'view'] }).notNull(),
    /** Link slug for clicks, page path for views. */
    target: text('target').notNull(),
    reason: text('reason', { enum: ['bot', 'preview', 'head', 'prefetch'] }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.target, t.reason] })],
);

/**
 * The unique clicks of the last hour, shared by every instance on this database: a click is
 * stored as unique only when its batch could add it here (no unique click by this visitor on
 * this link within an hour of it). Rows older than an hour are deleted as batches go by.
 */
export const clickUniques = sqliteTable(
  'click_uniques',
  {
    visitorHash: text('visitor_hash').notNull(),
    linkSlug: text('link_slug').notNull(),
    at: integer('at').notNull(),
    clickId: text('click_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitorHash, t.linkSlug, t.at] }), index('click_uniques_at_idx').on(t.at)],
);

/**
 * Click batches already written, by batch id (time-ordered), so a retry of a batch whose
 * commit was not acknowledged does not add its filtered counts twice. Kept two days.
 */
export const clickBatches = sqliteTable('click_batches', {
  id: text('id').primaryKey(),
});
