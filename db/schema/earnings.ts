import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const CONVERSION_STATUSES = ['pending', 'approved', 'reversed'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

/**
 * One commission reported by an affiliate network (CSV import or postback), joined back to
 * the click whose id travelled as the sub-ID. Amounts are integer cents, signed: a network
 * that reports a return as its own negative row keeps that row negative.
 */
export const conversions = sqliteTable(
  'conversions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** amazon, impact, shareasale, cj, rakuten, generic, or the postback's `network`. */
    network: text('network').notNull(),
    /** The network's own id for the commission; unique per network, so re-imports update. */
    transactionId: text('transaction_id').notNull(),
    /** The sub-ID as the network reported it (may match no click). */
    subId: text('sub_id'),
    /** clicks.id when the sub-ID matched a recorded click; null = unattributed. */
    clickId: text('click_id'),
    /**
     * The link an Amazon sale was joined to without a click (its report has no sub-tag: the
     * tracking id and ASIN named one link); null otherwise.
     */
    linkSlug: text('link_slug'),
    /** When the sale happened (the network's event/order date). */
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    saleAmountCents: integer('sale_amount_cents'),
    commissionCents: integer('commission_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    status: text('status', { enum: CONVERSION_STATUSES }).notNull(),
    /** The network's own status word, kept for checking the mapping. */
    rawStatus: text('raw_status'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('conversions_network_transaction_idx').on(t.network, t.transactionId),
    index('conversions_occurred_at_idx').on(t.occurredAt),
    index('conversions_click_idx').on(t.clickId),
  ],
);
