import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Tracked links made or changed in the studio. `kind: 'new'` is a link that exists only here;
 * `kind: 'override'` replaces a content link (content/products) of the same slug until reverted.
 * The redirect's in-memory catalog layers these over the built catalog (src/tracking/live-catalog.ts).
 */
export const studioLinks = sqliteTable('studio_links', {
  slug: text('slug').primaryKey(),
  kind: text('kind', { enum: ['new', 'override'] }).notNull(),
  url: text('url').notNull(),
  merchant: text('merchant').notNull(),
  network: text('network').notNull(),
  /** A parameter name, or `name=template` with `{clickId}`; null: the network's own. */
  subIdParam: text('sub_id_param'),
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
  /** "product", "home" or another link's slug. */
  fallback: text('fallback'),
  /** Paused links send followers to their fallback, as if they had ended. */
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  /** The product of an overridden content link (kept so "product" fallbacks still work). */
  productId: text('product_id'),
  /** Raised by every save: a save naming an older version is refused, not silently lost. */
  version: integer('version').notNull().default(1),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Change counters other processes poll, one cheap row read each: "links" is raised on every
 * studio link change, "bio" on every bio page save.
 */
export const studioChanges = sqliteTable('studio_changes', {
  key: text('key').primaryKey(),
  version: integer('version').notNull(),
});

/** The bio page as edited in the studio (one row, id 1): entries and picks as JSON, replacing content/bio.yaml. */
export const studioBio = sqliteTable('studio_bio', {
  id: integer('id').primaryKey(),
  /** JSON: StudioBioEntry[] (src/studio/bio-doc.ts). */
  entries: text('entries').notNull(),
  /** JSON: product ids of the shelf, in order. */
  picks: text('picks').notNull(),
  /** The highest entry and pick ids ever given out: a removed entry's id (its stats placement) is never reused. */
  lastEntryId: integer('last_entry_id').notNull(),
  lastPickId: integer('last_pick_id').notNull(),
  version: integer('version').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
