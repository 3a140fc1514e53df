// The worker side of click-writer.ts: one connection of its own, one batch at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb, tuneConnection } from '../../db/client.ts';
import { writeClickValues, type ClickValue, type FilteredCount } from './clicks.ts';
import { isEmbeddedFile, openFileClickWriter, type ValuesWriter } from './click-file-writer.ts';

const { url, authToken } = workerData as { url: string; authToken?: string };
const writeValues: (values: ClickValue[], filtered: FilteredCount[]) => void | Promise<void> = isEmbeddedFile(url) ? fileWriter() : remoteWriter();

parentPort!.on('message', async ({ id, values, filtered }: { id: number; values: ClickValue[]; filtered: FilteredCount[] }) => {
  try {
    await writeValues(values, filtered);
    parentPort!.postMessage({ id, ok: true });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    parentPort!.postMessage({ id, ok: false, message: String(cause?.message ?? error) });
  }
});

/** An embedded file: libsql's own API (src/tracking/click-file-writer.ts). */
function fileWriter(): ValuesWriter {
  let write: ValuesWriter | undefined;
  // Opened on the first batch; while the file cannot be opened, each batch tries again.
  return (values, filtered) => (write ??= openFileClickWriter(url))(values, filtered);
}

/** A remote libSQL server (or anything else the client takes): through @libsql/client. */
function remoteWriter(): (values: ClickValue[], filtered: FilteredCount[]) => Promise<void> {
  const db = createDb(url, authToken);
  const tuned = tuneConnection(db).catch(() => undefined); // a database that is down is retried per batch
  return async (values, filtered) => {
    await tuned;
    await writeClickValues(db, values, filtered);
  };
}
