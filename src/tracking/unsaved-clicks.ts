/**
 * Clicks the recorder could not store before the server stopped (database down at stop)
 * go to a file in the data folder and into the database at the next start. The file holds
 * visitor hashes, never IPs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { writeClickBatch, type Unsaved } from './clicks.ts';

const PREFIX = 'unsaved-clicks-';

/** Saves unsaved clicks and counts; returns the file written, or null when there was nothing. */
export function saveUnsavedClicks(dir: string, unsaved: Unsaved): string | null {
  if (!unsaved.rows.length && !unsaved.filtered.length) return null;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${PREFIX}${Date.now()}.json`);
  const rows = unsaved.rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
  writeFileSync(file, JSON.stringify({ rows, filtered: unsaved.filtered }));
  return file;
}

/**
 * Stores every saved file's clicks (ids already stored are skipped) and deletes the file.
 * Returns the number of clicks read back.
 */
export async function importUnsavedClicks(db: Db, dir: string): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(PREFIX) && f.endsWith('.json'));
  } catch {
    return 0;
  }
  let count = 0;
  for (const name of files.sort()) {
    const file = join(dir, name);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { rows: (Omit<Unsaved['rows'][number], 'createdAt'> & { createdAt: number })[]; filtered: Unsaved['filtered'] };
    const rows = data.rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
    await writeClickBatch(db, rows, data.filtered, true);
    rmSync(file);
    count += rows.length;
  }
  return count;
}
