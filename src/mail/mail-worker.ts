import type { Db } from '../../db/client.ts';
import { nextDueAt, processDueEmails, type MailTransport, type QueueOptions } from './mail-queue.ts';
import { createMailTransport } from './mail-transports.ts';
import type { Settings } from '../platform/settings.ts';

export interface MailWorker {
  transport: MailTransport;
  /** Sends what is due now instead of at the next poll (called after enqueueing). */
  wake(): void;
  /** Finishes the pass in progress and stops; the queue keeps the rest for next start. */
  stop(): Promise<void>;
}

export interface WorkerOptions extends Omit<QueueOptions, 'now'> {
  /** Longest sleep between passes; a retry due sooner wakes the worker sooner. */
  pollMs?: number;
}

/**
 * A loop in the server process that drains the durable mail queue. It sleeps until the next
 * row is due (at most `pollMs`), so retries with backoff happen on time without busy polling.
 */
export function startMailWorker(db: Db, transport: MailTransport, options: WorkerOptions = {}): MailWorker {
  const { pollMs = 5_000, ...queueOptions } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(tick, Math.max(0, Math.min(delay, pollMs))).unref();
  };

  async function pass(): Promise<void> {
    do {
      again = false;
      try {
        const { sent, retried, failed } = await processDueEmails(db, transport, queueOptions);
        if (sent + retried + failed > 0) again = true;
        if (failed) console.error(`Mail: ${failed} email(s) failed for good; see the email_queue table.`);
      } catch (error) {
        console.error('Mail worker pass failed:', error);
      }
    } while (again && !stopped);
    const due = stopped ? null : await nextDueAt(db).catch(() => null);
    schedule(due === null ? pollMs : due - Date.now());
  }

  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => (running = undefined));
  }

  schedule(0);
  return {
    transport,
    wake: () => (stopped ? undefined : tick()),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

type WorkerHolder = { __perchMailWorker?: MailWorker };

/**
 * The process-wide worker, started once. The server wrapper calls this at start-up; the
 * SSR bundle (a separate copy of this module) finds the same worker through globalThis,
 * and under `astro dev` the first signup starts it.
 */
export function ensureMailWorker(db: Db, settings: Settings, options?: WorkerOptions): MailWorker {
  const holder = globalThis as WorkerHolder;
  holder.__perchMailWorker ??= startMailWorker(db, createMailTransport(settings), options);
  return holder.__perchMailWorker;
}

/** Stops the process-wide worker if one runs (server shutdown). */
export async function stopMailWorker(): Promise<void> {
  const holder = globalThis as WorkerHolder;
  const worker = holder.__perchMailWorker;
  holder.__perchMailWorker = undefined;
  await worker?.stop();
}
