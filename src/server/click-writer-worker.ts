// The worker side of click-writer.ts: one connection of its own, one batch at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb, tuneConnection } from '../../db/client.ts';
import { writeClickBatch, type ClickRow, type FilteredCount } from '../lib/clicks.ts';

const { url, authToken } = workerData as { url: string; authToken?: string };
const db = createDb(url, authToken);
const tuned = tuneConnection(db).catch(() => undefined); // a database that is down is retried per batch

parentPort!.on('message', async ({ id, rows, filtered }: { id: number; rows: ClickRow[]; filtered: FilteredCount[] }) => {
  try {
    await tuned;
    await writeClickBatch(db, rows, filtered);
    parentPort!.postMessage({ id, ok: true });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    parentPort!.postMessage({ id, ok: false, message: String(cause?.message ?? error) });
  }
});
