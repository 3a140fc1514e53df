/**
 * The stop sequence on SIGTERM/SIGINT, bounded by `budgetMs` (10 s) whatever the database or
 * the clients do: stop accepting, let requests in flight finish for `graceMs` (idle
 * keep-alive connections are closed at once; whatever is still open then, such as a
 * half-sent request, is closed, not waited for), stop the mail worker and write the click
 * buffer with the time left, save what could not be written to the unsaved-clicks file,
 * print the `Stopped:` line and exit 0. A last timer exits 1 should anything still hang.
 */
import type http from 'node:http';
import type { ClickRecorder } from '../tracking/clicks.ts';
import type { ClickWriter } from '../tracking/click-writer.ts';
import { saveUnsavedClicks } from '../tracking/unsaved-clicks.ts';

export interface StopParts {
  server: http.Server;
  recorder: ClickRecorder;
  writer: ClickWriter;
  stopMail: () => Promise<void>;
  /** Folds the database log into the main file (embedded databases), so the .db file alone is complete. */
  checkpoint?: () => Promise<unknown>;
  closeDb: () => void;
  dataDir: string;
}

export interface StopOptions {
  budgetMs?: number;
  graceMs?: number;
  exit?: (code: number) => void;
}

/** Resolves with `promise`, or after `ms` with undefined, whichever comes first. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, ms))));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Waits for a start-up step for at most `ms`; false (and a log line) if it failed or hung. */
export async function startupStep(step: Promise<unknown>, failure: string, ms = 10_000): Promise<boolean> {
  const outcome = await within(step.then(() => 'ok' as const, (error: Error) => error.message), ms);
  if (outcome === 'ok') return true;
  console.error(`${failure} (${outcome ?? `no answer within ${ms / 1000} s`}); serving anyway, clicks are kept in memory and retried.`);
  return false;
}

/** Returns `stop(signal)` (runs once) and `stopping()` (true from the first signal on). */
export function createStopper(parts: StopParts, options: StopOptions = {}) {
  const { budgetMs = 10_000, graceMs = 3_000, exit = (code: number) => process.exit(code) } = options;
  let stopping = false;

  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + budgetMs;
    setTimeout(() => (console.error('Stop did not finish in time; exiting.'), exit(1)), budgetMs).unref();
    console.log(`${signal}: finishing open requests…`);
    const { server, recorder, writer } = parts;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if ((await within(closed.then(() => true), graceMs)) === undefined) {
      console.log('Closing connections still open after the grace period.');
      server.closeAllConnections();
    }
    // The click buffer gets the time left, less 1.5 s for saving what is left and exiting.
    const [, unsaved] = await Promise.all([within(parts.stopMail(), 2_000), recorder.stop(Math.max(0, deadline - Date.now() - 1_500))]);
    await within(writer.close(), 200);
    const checkpointed = await within((parts.checkpoint?.() ?? Promise.resolve()).then(() => true, (error: Error) => (console.error(`Could not checkpoint the database log: ${error.message}`), true)), 1_000);
    if (checkpointed === undefined) console.error('The database log checkpoint did not finish in time; it is folded in at the next start.');
    const file = saveUnsavedClicks(parts.dataDir, unsaved);
    if (file) console.error(`${unsaved.rows.length} clicks could not be stored; saved to ${file} for the next start.`);
    const { recorded, stored, dropped } = recorder.totals();
    console.log(`Stopped: ${recorded} clicks recorded since start, ${stored} stored, ${unsaved.rows.length} saved for later, ${dropped} dropped.`);
    parts.closeDb();
    exit(0);
  }

  return { stop, stopping: () => stopping };
}
