// `npm run backup -- FILE`: one consistent copy of the embedded database, taken while the
// server runs (SQLite's VACUUM INTO reads one snapshot; writers are not held up).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDb } from '../../db/client.ts';
import { readSettings } from '../platform/settings.ts';

const HELP = `Usage: npm run backup -- FILE

Writes a consistent copy of the database (DATABASE_URL, default .data/perch.db) to FILE while
the server keeps running: one file, complete without a -wal beside it. FILE must not exist.

Restore (server stopped):
  cp FILE .data/perch.db && rm -f .data/perch.db-wal .data/perch.db-shm && npm start

A remote libSQL database (Turso, sqld) is backed up by that service instead.`;

async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return print(HELP, 0);
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) return print(`Where to? ${HELP}`, 2, true);
  const target = resolve(file);
  if (existsSync(target)) return print(`${target} already exists: choose a new file name (a backup never overwrites).`, 1, true);
  const { databaseUrl, databaseAuthToken } = readSettings();
  if (!databaseUrl.startsWith('file:')) return print(`DATABASE_URL is ${databaseUrl}, not an embedded file: back it up with that service's own tools.`, 1, true);
  if (!existsSync(databaseUrl.slice('file:'.length))) return print(`There is no database at ${databaseUrl.slice('file:'.length)} yet: nothing to back up.`, 1, true);
  const db = createDb(databaseUrl, databaseAuthToken);
  try {
    await db.$client.execute({ sql: 'VACUUM INTO ?', args: [target] });
    const { rows } = await db.$client.execute("SELECT (SELECT count(*) FROM clicks) AS clicks, (SELECT count(*) FROM subscribers) AS subscribers");
    const kb = Math.round(statSync(target).size / 1024);
    return print(`Backed up to ${target} (${kb} KB: ${rows[0].clicks} clicks, ${rows[0].subscribers} subscribers).`, 0);
  } finally {
    db.$client.close();
  }
}

function print(text: string, code: number, error = false): number {
  (error ? console.error : console.log)(text);
  return code;
}

process.exitCode = await run(process.argv.slice(2)).catch((error: Error) => print(`Backup failed: ${error.message}`, 1, true));
