import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The creator's list. One row per address; deleting a subscriber deletes the row. */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised: trimmed, domain lower-cased. */
    email: text('email').notNull().unique(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed'] }).notNull(),
    /** Where consent came from: "form:<page>#<form>" or "import:<tool>". */
    source: text('source'),
    /**
     * When the row was added: the signup time when known, else when Perch stored it (an
     * import without dates). `signedUpAt` says which: null there means "not known".
     */
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** The signup time an import's file gave; null when the file gave none (never made up). */
    signedUpAt: integer('signed_up_at', { mode: 'timestamp_ms' }),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
    /** Set after a hard bounce or complaint: never mailed again. */
    suppressedAt: integer('suppressed_at', { mode: 'timestamp_ms' }),
    suppressionReason: text('suppression_reason', { enum: ['bounce', 'complaint'] }),
    /** Where the current status came from when an import set it: "import:<tool>:<file>". */
    statusSource: text('status_source'),
    /** Tags or groups from the tool the list came from, as a JSON array (kept for segmenting). */
    tags: text('tags'),
  },
  (t) => [
    index('subscribers_status_idx').on(t.status),
    index('subscribers_created_at_idx').on(t.createdAt),
    index('subscribers_confirmed_at_idx').on(t.confirmedAt),
    index('subscribers_unsubscribed_at_idx').on(t.unsubscribedAt),
  ],
);
