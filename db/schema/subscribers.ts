import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The creator's list. One row per address; deleting a subscriber deletes the row. */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised: trimmed, domain lower-cased. */
    email: text('email').notNull().unique(),
    firstName: text('first_name'),
    status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed'] }).notNull(),
    /** Where consent came from: "form:<page>#<form>" or "import:<tool>". */
    source: text('source'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
    /** Set after a hard bounce or complaint: never mailed again. */
    suppressedAt: integer('suppressed_at', { mode: 'timestamp_ms' }),
    suppressionReason: text('suppression_reason', { enum: ['bounce', 'complaint'] }),
  },
  (t) => [
    index('subscribers_status_idx').on(t.status),
    index('subscribers_created_at_idx').on(t.createdAt),
    index('subscribers_confirmed_at_idx').on(t.confirmedAt),
    index('subscribers_unsubscribed_at_idx').on(t.unsubscribedAt),
  ],
);
