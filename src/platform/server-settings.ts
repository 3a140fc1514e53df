// Settings and the database for code running inside Astro (pages, endpoints). Server-only.
import { getSharedDb, type Db } from '../../db/client.ts';
import { readSettings, type Settings } from './settings.ts';

/** Settings for code running inside Astro, read from the environment the server runs in. */
export function getSettings(): Settings {
  return readSettings(import.meta.env.SITE);
}

/** The process-wide database connection (migrated by the server at start-up). */
export function getDb(): Db {
  const { databaseUrl, databaseAuthToken } = getSettings();
  return getSharedDb(databaseUrl, databaseAuthToken);
}
