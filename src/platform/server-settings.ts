// The only module that reads astro:env. Server-only: never import it from client code.
import {
  SITE_URL,
  DATABASE_URL,
  DATABASE_AUTH_TOKEN,
  RESEND_API_KEY,
  RESEND_BASE_URL,
  EMAIL_FROM,
  STATS_PASSWORD,
  POSTBACK_SECRET,
  RESEND_WEBHOOK_SECRET,
} from 'astro:env/server';
import { getSharedDb, type Db } from '../../db/client.ts';
import { parseSettings, type Settings } from './settings.ts';

/** Settings for code running inside Astro (pages, actions, endpoints). */
export function getSettings(): Settings {
  return parseSettings(
    {
      PORT: process.env.PORT,
      HOST: process.env.HOST,
      PERCH_DATA_DIR: process.env.PERCH_DATA_DIR,
      // Public astro:env values are inlined at build time; the public URL must follow the
      // environment the server runs in (links in emails), so read it at run time first.
      SITE_URL: process.env.SITE_URL ?? SITE_URL,
      DATABASE_URL,
      DATABASE_AUTH_TOKEN,
      RESEND_API_KEY,
      RESEND_BASE_URL,
      EMAIL_FROM,
      STATS_PASSWORD,
      POSTBACK_SECRET,
      RESEND_WEBHOOK_SECRET,
    },
    import.meta.env.SITE,
  );
}

/** The process-wide database connection (migrated by the server at start-up). */
export function getDb(): Db {
  const { databaseUrl, databaseAuthToken } = getSettings();
  return getSharedDb(databaseUrl, databaseAuthToken);
}
