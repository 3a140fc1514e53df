/**
 * Click batches written on a worker thread. The embedded libSQL driver runs each statement
 * synchronously on the calling thread, so a batch written on the server's thread held every
 * follower's redirect until it was done; on its own thread it never blocks them.
 */
import { Worker } from 'node:worker_threads';
import { clickValues, type BatchWriter } from './clicks.ts';

export interface ClickWriter {
  write: BatchWriter;
  close(): Promise<void>;
  /** False once the worker thread has exited (it then refuses batches; /healthz reports it). */
  alive(): boolean;
}

type Reply = { id: number; ok: true } | { id: number; ok: false; message: string };

export function createClickWriter(url: string, authToken?: string): ClickWriter {
  const worker = new Worker(new URL('./click-writer-worker.ts', import.meta.url), { workerData: { url, authToken } });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  // The worker keeps the process alive only while a batch is on its way: a graceful stop
  // must not end before the last batch is written, and an idle writer must not hold it open.
  const settle = (id: number) => {
    waiting.delete(id);
    if (!waiting.size) worker.unref();
  };
  worker.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.id);
    settle(reply.id);
    if (reply.ok) pending?.resolve();
    else pending?.reject(new Error(reply.message));
  });
  worker.on('error', (error) => {
    for (const [id, pending] of waiting) {
      settle(id);
      pending.reject(error);
    }
  });
  // A writer that died answers no more: fail fast, so clicks stay buffered (and are saved at stop).
  let exited = false;
  worker.on('exit', () => {
    exited = true;
    for (const [id, pending] of waiting) {
      settle(id);
      pending.reject(new Error('the click writer stopped'));
    }
  });
  worker.unref();
  return {
    write: (rows, filtered) =>
      new Promise((resolve, reject) => {
        if (exited) return reject(new Error('the click writer stopped'));
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.ref();
        // Flat values clone faster than row objects, on both sides of the thread.
        worker.postMessage({ id, values: clickValues(rows), filtered });
      }),
    alive: () => !exited,
    close: async () => {
      await worker.terminate();
    },
  };
}
