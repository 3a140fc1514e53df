// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the embedded file).
import { createDb, migrateDb } from '../../db/client.ts';
import { readSettings } from '../platform/settings.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run db:migrate

Applies pending migrations (db/migrations) to the database in DATABASE_URL (default: the
embedded file .data/perch.db; libsql://… or http://… for a remote libSQL server, with
DATABASE_AUTH_TOKEN). \`npm start\` does this too, before it serves.`);
  process.exit(0);
}

const { databaseUrl, databaseAuthToken } = readSettings();
const db = createDb(databaseUrl, databaseAuthToken);
await migrateDb(db);
console.log(`Database is up to date (${databaseUrl}).`);
db.$client.close();
