import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Daily roll-ups of clicks and views per dimension, so the stats page reads a few thousand
 * rows instead of millions. Refreshed on read from a high-water mark (src/stats/rollups.ts):
 * the code that records clicks and views does not need to know about them.
 */
export const statsDaily = sqliteTable(
  'stats_daily',
  {
    /** What is counted and by what, e.g. "clicks", "clicks:link", "views:path". */
    dimension: text('dimension').notNull(),
    /** UTC day, YYYY-MM-DD. */
    day: text('day').notNull(),
    /** The dimension's value ("" when unknown, e.g. no referrer). */
    key: text('key').notNull(),
    count: integer('count').notNull(),
    /** Unique clicks for clicks; distinct visitor hashes of the day for views. */
    uniques: integer('uniques').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dimension, t.day, t.key] }),
    // Covers the stats queries (dimension + day range → key, count, uniques): no table lookups.
    index('stats_daily_covering_idx').on(t.dimension, t.day, t.key, t.count, t.uniques),
  ],
);

/**
 * Monthly sums of `stats_daily`, for complete months only (never the current one), so
 * "90 days" and "all time" read a dozen rows per key instead of hundreds.
 */
export const statsMonthly = sqliteTable(
  'stats_monthly',
  {
    dimension: text('dimension').notNull(),
    /** UTC month, YYYY-MM. */
    month: text('month').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dimension, t.month, t.key] }),
    index('stats_monthly_covering_idx').on(t.dimension, t.month, t.key, t.count, t.uniques),
  ],
);

/** The last event row id folded into `stats_daily`, per event table; "monthly": the last month summed. */
export const statsRollupMarks = sqliteTable('stats_rollup_marks', {
  source: text('source').primaryKey(),
  lastId: integer('last_id').notNull(),
});

/** Stats login sessions: only a hash of the cookie's random token is stored. */
export const statsSessions = sqliteTable('stats_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Failed stats logins per hashed IP ("ip:<hash>") and overall ("global"), for the backoff. */
export const statsLoginFailures = sqliteTable('stats_login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }).notNull(),
});
