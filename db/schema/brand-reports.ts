import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A shareable report for one brand (merchant), optionally narrowed to a campaign: a set of
 * link slugs and a date range. Opened at /r/<token> without a login. Only a hash of the
 * random token is stored, so the database alone cannot rebuild a working URL.
 */
export const brandReports = sqliteTable(
  'brand_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** sha256 of the URL token (base64url). */
    tokenHash: text('token_hash').notNull().unique(),
    /** The merchant as named in content/products (`links[].merchant`). */
    merchant: text('merchant').notNull(),
    /** A name for the creator's own list, e.g. "Vantage spring campaign". */
    label: text('label').notNull(),
    /** JSON array of link slugs; null = every link of the merchant. */
    links: text('links'),
    /** Campaign dates (UTC days, YYYY-MM-DD, both included); null = the last 90 days when opened. */
    fromDay: text('from_day'),
    toDay: text('to_day'),
    showConversions: integer('show_conversions', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('brand_reports_created_idx').on(t.createdAt)],
);
