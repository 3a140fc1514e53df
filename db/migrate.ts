// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the embedded file).
import { createDb, migrateDb } from './client.ts';

const db = createDb(process.env.DATABASE_URL || undefined, process.env.DATABASE_AUTH_TOKEN || undefined);
await migrateDb(db);
console.log(`Database is up to date (${process.env.DATABASE_URL || 'embedded .data/perch.db'}).`);
db.$client.close();
