import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Values the app generates for itself on first use (e.g. signing keys), never in the repo. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
