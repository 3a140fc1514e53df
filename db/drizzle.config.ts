import { defineConfig } from 'drizzle-kit';
import { readSettings } from '../src/platform/settings.ts';

const { databaseUrl, databaseAuthToken } = readSettings();

export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/*.ts',
  out: './db/migrations',
  dbCredentials: { url: databaseUrl, authToken: databaseAuthToken },
});
