/**
 * Click batches written on a worker thread. The embedded libSQL driver runs each statement
 * synchronously on the calling thread, so a batch written on the server's thread held every
 * follower's redirect until it was done; on its own thread it never blocks them. A write
 * that is given up (its signal aborts: timed out, or the server is stopping) ends that
 * worker, which may be stuck inside the driver; the next write starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { clickValues } from './click-batch.ts';
import type { BatchWriter, ClickBatch } from './clicks.ts';

export interface ClickWriter {
  write: BatchWriter;
  /** Resolves once the worker has started and opened its connection (or tried to). */
  ready(): Promise<void>;
  close(): Promise<void>;
  /** False once the writer was closed (it then refuses batches; /healthz reports it). */
  alive(): boolean;
}

type Reply = { ready: true } | { id: number; ok: true } | { id: number; ok: false; message: string; code?: string };
interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The writer only turns batches into SQL: a small young generation keeps its heap small under load. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

export function createClickWriter(url: string, authToken?: string): ClickWriter {
  let current: { worker: Worker; ready: Promise<void>; waiting: Map<number, Pending> } | undefined;
  let closed = false;
  let next = 0;

  function start() {
    const worker = new Worker(new URL('./click-writer-worker.ts', import.meta.url), { workerData: { url, authToken }, resourceLimits: WORKER_LIMITS });
    const waiting = new Map<number, Pending>();
    const failAll = (error: Error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
      if (current?.worker === worker) current = undefined;
    };
    const ready = new Promise<void>((resolve) => {
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          if (!waiting.size) worker.unref();
          return resolve();
        }
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        // The worker keeps the process alive only while a batch is on its way.
        if (!waiting.size) worker.unref();
        if (reply.ok) pending?.resolve();
        else pending?.reject(Object.assign(new Error(reply.message), { code: reply.code }));
      });
      worker.on('error', (error) => (failAll(error), resolve()));
      // A writer that died answers no more: fail fast, so clicks stay buffered (and are saved at stop).
      worker.on('exit', () => (failAll(new Error('the click writer stopped')), resolve()));
    });
    // Referenced until it is ready, then only while a batch is on its way.
    return (current = { worker, ready, waiting });
  }

  /** Posts a batch to a worker that is ready; an abort ends the worker (it may be stuck in the driver). */
  const send = (worker: Worker, waiting: Map<number, Pending>, batch: ClickBatch, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      signal?.addEventListener('abort', () => {
        if (!waiting.has(id)) return;
        waiting.delete(id);
        reject(signal.reason instanceof Error ? signal.reason : new Error('the write was given up'));
        if (current?.worker === worker) current = undefined;
        void worker.terminate();
      });
      worker.ref();
      // Flat values clone faster than row objects, on both sides of the thread.
      worker.postMessage({ id, batch: { id: batch.id, values: clickValues(batch.rows), filtered: batch.filtered, pruneBefore: batch.pruneBefore } });
    });

  return {
    async write(batch, signal) {
      if (closed) throw new Error('the click writer stopped');
      const { worker, ready, waiting } = current ?? start();
      // A worker still starting (slow on a busy machine) is left to start: giving up the wait
      // must not end it, or every retry would start over and never get there.
      await Promise.race([ready, aborted(signal)]);
      if (closed || !current || current.worker !== worker) throw new Error('the click writer stopped');
      await send(worker, waiting, batch, signal);
    },
    ready: () => (current ?? start()).ready,
    // A worker that ended (a given-up write) is started again by the next write: only a close ends the writer.
    alive: () => !closed,
    close: async () => {
      closed = true;
      await current?.worker.terminate();
    },
  };
}

/** Rejects when `signal` aborts (never without one). */
function aborted(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(signal.reason as Error);
    signal?.addEventListener('abort', () => reject(signal.reason as Error));
  });
}
