/**
 * Clicks the recorder could not store before the server stopped (database down at stop)
 * go to a file in the data folder and into the database at the next start. The file holds
 * visitor hashes, never IPs. Importing twice stores nothing twice: clicks are skipped by id,
 * and filtered counts carry the id of their batch (the file's own for the rest).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { batchSize, isPermanentRefusal, MAX_BATCH_ROWS, writeClickBatch } from './click-batch.ts';
import type { Unsaved } from './clicks.ts';

const PREFIX = 'unsaved-clicks-';
const REFUSED = 'refused-clicks-';

/** Saves unsaved clicks and counts; returns the file written, or null when there was nothing. */
export function saveUnsavedClicks(dir: string, unsaved: Unsaved): string | null {
  const unconfirmed = unsaved.unconfirmed ?? [];
  if (!unsaved.rows.length && !unsaved.filtered.length && !unconfirmed.length) return null;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${PREFIX}${Date.now()}-${process.pid}.json`);
  const rows = unsaved.rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
  writeFileSync(file, JSON.stringify({ rows, filtered: unsaved.filtered, unconfirmed }));
  return file;
}

type SavedFile = { rows: (Omit<Unsaved['rows'][number], 'createdAt'> & { createdAt: number })[]; filtered: Unsaved['filtered']; unconfirmed?: Unsaved['unconfirmed'] };

/**
 * Stores every saved file's clicks and deletes the file; a file the database refuses for
 * good is renamed `refused-clicks-…` (kept, not retried at every start). Returns the number
 * of clicks read back.
 */
export async function importUnsavedClicks(db: Db, dir: string, log: (message: string) => void = console.error): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(PREFIX) && f.endsWith('.json'));
  } catch {
    return 0;
  }
  let count = 0;
  for (const name of files.sort()) {
    const file = join(dir, name);
    const data = JSON.parse(readFileSync(file, 'utf8')) as SavedFile;
    const rows = data.rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
    try {
      for (const batch of data.unconfirmed ?? []) await writeClickBatch(db, { id: batch.id, rows: [], filtered: batch.filtered });
      // In capped batches, like the recorder's: a remote server refuses oversized requests.
      for (let at = 0, part = 0; at < rows.length || part === 0; part++) {
        const size = batchSize(rows.slice(at, at + MAX_BATCH_ROWS));
        await writeClickBatch(db, { id: `file-${name}-${part}`, rows: rows.slice(at, at + size), filtered: part === 0 ? data.filtered : [] });
        at += size;
      }
    } catch (error) {
      if (!isPermanentRefusal((error as { code?: string }).code)) throw error;
      renameSync(file, join(dir, name.replace(PREFIX, REFUSED)));
      log(`The database refused the clicks in ${name} (${(error as Error).message}); kept as ${name.replace(PREFIX, REFUSED)}.`);
      continue;
    }
    rmSync(file);
    count += rows.length;
  }
  return count;
}
