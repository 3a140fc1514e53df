// Settings and the database for code running inside Astro (pages, endpoints). Server-only.
import { getSharedDb, type Db } from '../../db/client.ts';
import { requestClientInfo, type ClientInfo } from './http/client-address.ts';
import { readSettings, type Settings } from './settings.ts';

/**
 * Settings for code running inside Astro, read from the environment the server runs in.
 * `siteUrl` is SITE_URL as the server runs with it (default http://localhost:$PORT), never
 * the value the site was built with.
 */
export function getSettings(): Settings {
  return readSettings();
}

/** The process-wide database connection (migrated by the server at start-up). */
export function getDb(): Db {
  const { databaseUrl, databaseAuthToken } = getSettings();
  return getSharedDb(databaseUrl, databaseAuthToken);
}

/** The client of a page or endpoint request (`clientAddress` is Astro's, the socket's). */
export function getClient(request: Request, clientAddress: string): ClientInfo {
  return requestClientInfo(request, clientAddress, getSettings());
}
