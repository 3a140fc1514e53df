// The worker side of click-writer.ts: one connection of its own, one batch at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { ValuesBatch } from './click-batch.ts';
import { isEmbeddedFile, openFileClickWriter, type ValuesWriter } from './click-file-writer.ts';

const { url, authToken } = workerData as { url: string; authToken?: string };
type Write = (batch: ValuesBatch) => void | Promise<void>;
const writeBatch: Write = isEmbeddedFile(url) ? fileWriter() : await remoteWriter();

parentPort!.on('message', async ({ id, batch }: { id: number; batch: ValuesBatch }) => {
  try {
    await writeBatch(batch);
    parentPort!.postMessage({ id, ok: true });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    const code = (error as { code?: string }).code ?? (cause as { code?: string })?.code;
    parentPort!.postMessage({ id, ok: false, message: String(cause?.message ?? error), code });
  }
});
// Ready once the connection is set up, so the first batch is not held up by it.
parentPort!.postMessage({ ready: true });

/** An embedded file: libsql's own API (src/tracking/click-file-writer.ts). */
function fileWriter(): ValuesWriter {
  let write: ValuesWriter | undefined;
  try {
    write = openFileClickWriter(url);
  } catch {
    // not there yet: the next batch tries again
  }
  return (batch) => (write ??= openFileClickWriter(url))(batch);
}

/** A remote libSQL server (or anything else the client takes): through @libsql/client. */
async function remoteWriter(): Promise<Write> {
  // Loaded here, not at the top: the embedded file's writer does without them and starts sooner.
  const [{ createDb, tuneConnection }, { writeValuesBatch }] = await Promise.all([import('../../db/client.ts'), import('./click-batch.ts')]);
  const db = createDb(url, authToken);
  const tuned = tuneConnection(db).catch(() => undefined); // a database that is down is retried per batch
  return async (batch) => {
    await tuned;
    await writeValuesBatch(db, batch);
  };
}
