/**
 * The click recorder: the redirect hands it a click and moves on; the recorder writes
 * clicks in batches every `flushMs`, one write in flight at a time, each batch capped in
 * rows and bytes and each write given `writeTimeoutMs`. A failed or timed-out batch is
 * retried as it is (same clicks, same batch id: src/tracking/click-batch.ts makes a retry
 * of a batch that was in fact committed harmless) with back-off; new clicks wait behind it
 * in memory, up to `maxBuffered`, past which they are dropped and counted in the log. A batch
 * the database refuses for good is split until the refused clicks are found and set aside.
 * `stop` writes what it can before its deadline and returns the rest (the server saves it
 * to a file and imports it at the next start: src/tracking/unsaved-clicks.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { batchSize, isPermanentRefusal, MAX_BATCH_BYTES, MAX_BATCH_ROWS, newBatchId, writeClickBatch, type ClickRow, type FilteredCount } from './click-batch.ts';
import type { FilterReason } from './bots.ts';
import type { DeviceClass } from './request-info.ts';
import { createUniqueWindow, seedUniqueWindow } from './unique-clicks.ts';
import { getDailySalt, hashVisitor } from './visitors.ts';
import { DAY_MS, dayOf, startOfDay } from '../platform/time.ts';

export type { ClickRow, FilteredCount } from './click-batch.ts';

/** A counted click as the redirect saw it. `ip` and `userAgent` only feed the visitor hash. */
export interface ClickHit {
  id: string;
  createdAt: Date;
  linkSlug: string;
  source: string | null;
  placement: string | null;
  referrerHost: string | null;
  device: DeviceClass;
  country: string | null;
  ip: string;
  userAgent: string;
}

/** One write: its id stays the same across retries. */
export interface ClickBatch {
  id: string;
  rows: ClickRow[];
  filtered: FilteredCount[];
  pruneBefore?: number;
}
/** What could not be stored. `unconfirmed`: filtered counts of batches that may have been committed, by batch id. */
export interface Unsaved {
  rows: ClickRow[];
  filtered: FilteredCount[];
  unconfirmed?: { id: string; filtered: FilteredCount[] }[];
}

/** Writes one batch in one transaction; `signal` aborts when the recorder gives the write up. */
export type BatchWriter = (batch: ClickBatch, signal?: AbortSignal) => Promise<void>;

export interface RecorderOptions {
  flushMs?: number;
  maxBuffered?: number;
  /** Caps per batch (default `MAX_BATCH_ROWS`, `MAX_BATCH_BYTES`). */
  maxBatchRows?: number;
  maxBatchBytes?: number;
  /** A write (or a read the recorder needs) not answered within this is given up and retried. */
  writeTimeoutMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
  /** Runs before the first write until it succeeds (e.g. migrations when the database was down at start). */
  prepare?: () => Promise<void>;
  /** Writes one batch; by default `writeClickBatch` on `db` (the server runs it in a worker thread). */
  write?: BatchWriter;
}

export interface ClickRecorder {
  recordClick(hit: ClickHit): void;
  /** Counts a hit that was redirected but not counted (bot, preview, HEAD, prefetch). */
  countFiltered(linkSlug: string, reason: FilterReason, at: Date): void;
  /** Migrations (if given), the unique window and today's salt, before serving; false if the database did not answer. */
  start(): Promise<boolean>;
  /** Writes everything buffered now; false when the database refused (it stays buffered). */
  flush(): Promise<boolean>;
  /** Final flush, given up at `budgetMs`; returns what could not be written (empty when all is stored). */
  stop(budgetMs?: number): Promise<Unsaved>;
  /** Clicks not yet stored. */
  pending(): number;
  /** Totals since start: clicks handed in, stored, dropped for lack of room, write attempts. */
  totals(): { recorded: number; stored: number; dropped: number; attempts: number };
}

type Outcome = 'ok' | 'refused' | Error;

/** Creates a recorder writing to `db`. See the module comment for the failure behaviour. */
export function createClickRecorder(db: Db, options: RecorderOptions = {}): ClickRecorder {
  const { flushMs = 100, maxBuffered = 100_000, maxBatchRows = MAX_BATCH_ROWS, maxBatchBytes = MAX_BATCH_BYTES, writeTimeoutMs = 5_000, maxBackoffMs = 5_000 } = options;
  const { now = () => new Date(), log = console.error } = options;
  const write = options.write ?? ((batch: ClickBatch) => writeClickBatch(db, batch));
  let hits: ClickHit[] = [];
  const rows: ClickRow[] = [];
  let filtered = new Map<string, FilteredCount>();
  const batches: ClickBatch[] = [];
  const setAside: Unsaved = { rows: [], filtered: [] };
  const uniques = createUniqueWindow();
  // The salt of the day being hashed, and when that day ends (ms).
  let salt: { day: string; value: string; to: number } | undefined;
  let prepared: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  // Aborted at the stop deadline: every database step still waiting is given up.
  const giveUp = new AbortController();
  let stopping = false;
  let [failures, lastLog, dropped, recorded, stored, attempts] = [0, 0, 0, 0, 0, 0];
  let lastPrune = Date.now();

  const waiting = () => hits.length + rows.length + batches.reduce((n, b) => n + b.rows.length, 0);
  const hasWork = () => hits.length > 0 || rows.length > 0 || filtered.size > 0 || batches.length > 0;
  const backoff = () => Math.min(flushMs * 2 ** failures, maxBackoffMs);

  const schedule = (delay: number) => {
    if (timer || running || stopping) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run(false);
    }, delay);
    timer.unref();
  };

  const report = (message: string) => {
    // At most one line per 10 s while the database stays down or slow: the log must stay readable.
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    log(message);
  };

  /** Runs a database step with the write timeout (and the stop deadline); the step itself may go on. */
  async function bounded<T>(step: () => Promise<T>, deadline: number, controller = new AbortController()): Promise<T> {
    const limit = Math.max(0, Math.min(writeTimeoutMs, deadline - Date.now()));
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${limit} ms`)), limit);
    const onGiveUp = () => controller.abort(giveUp.signal.reason);
    giveUp.signal.addEventListener('abort', onGiveUp);
    if (giveUp.signal.aborted) onGiveUp();
    const aborted = new Promise<never>((_, reject) => {
      if (controller.signal.aborted) reject(controller.signal.reason as Error);
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error));
    });
    aborted.catch(() => {});
    try {
      return await Promise.race([step(), aborted]);
    } finally {
      clearTimeout(timeout);
      giveUp.signal.removeEventListener('abort', onGiveUp);
    }
  }

  async function prepareAndHash(deadline: number): Promise<void> {
    prepared ??= (async () => {
      await options.prepare?.();
      await seedUniqueWindow(db, uniques, now().getTime());
    })().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    });
    await bounded(() => prepared!, deadline);
    const day = dayOf(now());
    if (salt?.day !== day) {
      // Clicks of the day that has just ended are hashed with that day's salt, never the next one's.
      if (salt) hashHits(countBefore(hits, salt.to), salt.value);
      salt = withEnd(day, await bounded(() => getDailySalt(db, day), deadline));
    }
    hashHits(hits.length, salt.value);
  }

  /** The first `count` waiting hits become rows (in arrival order: the unique window depends on it). */
  function hashHits(count: number, saltValue: string): void {
    for (let i = 0; i < count; i++) rows.push(toRow(hits[i]!, saltValue));
    hits = count === hits.length ? [] : hits.slice(count);
  }

  function toRow(hit: ClickHit, saltValue: string): ClickRow {
    // Field by field, not by spreading: this runs for every click.
    const visitorHash = hashVisitor(saltValue, hit.ip, hit.userAgent);
    const isUnique = uniques.isUnique(visitorHash, hit.linkSlug, hit.createdAt.getTime());
    const { id, createdAt, linkSlug, source, placement, referrerHost, device, country } = hit;
    return { id, createdAt, linkSlug, source, placement, referrerHost, device, country, visitorHash, isUnique };
  }

  /** The next batch: the oldest rows within the caps, and every filtered count. */
  function takeBatch(): ClickBatch | undefined {
    const size = batchSize(rows, maxBatchRows, maxBatchBytes);
    if (!size && !filtered.size) return undefined;
    const at = Date.now();
    const prune = at - lastPrune >= 5 * 60_000;
    if (prune) {
      lastPrune = at;
      uniques.prune(now().getTime());
    }
    const batch = { id: newBatchId(at), rows: rows.splice(0, size), filtered: [...filtered.values()], pruneBefore: prune ? now().getTime() : undefined };
    filtered = new Map();
    return batch;
  }

  async function attempt(batch: ClickBatch, deadline: number): Promise<Outcome> {
    attempts++;
    const controller = new AbortController();
    const started = Date.now();
    try {
      await bounded(() => write(batch, controller.signal), deadline, controller);
      if (Date.now() - started > 1_000) report(`clicks: the database is slow (a batch of ${batch.rows.length} took ${Date.now() - started} ms); ${waiting()} clicks waiting.`);
      return 'ok';
    } catch (error) {
      return isPermanentRefusal((error as { code?: string }).code) ? 'refused' : (error as Error);
    }
  }

  /** A refused batch: halves are tried on their own, until the refused clicks are alone and set aside. */
  function refused(batch: ClickBatch): void {
    batches.shift();
    if (batch.rows.length > 1) {
      const half = Math.ceil(batch.rows.length / 2);
      batches.unshift({ ...batch, rows: batch.rows.slice(0, half) }, { id: newBatchId(Date.now()), rows: batch.rows.slice(half), filtered: [] });
      return;
    }
    setAside.rows.push(...batch.rows);
    setAside.filtered.push(...batch.filtered);
    log(`clicks: the database refused ${batch.rows.length ? `click ${batch.rows[0]!.id}` : 'a batch of filtered counts'}; set aside, saved with the unsaved clicks at stop.`);
  }

  /** Writes batches one at a time: while a full batch waits, or until all is written (`drain`). */
  async function pump(drain: boolean, deadline: number): Promise<boolean> {
    while (Date.now() < deadline) {
      try {
        await prepareAndHash(deadline);
      } catch (error) {
        return failed(error as Error);
      }
      const batch = batches[0] ?? takeBatch();
      if (!batch) return true;
      if (batch !== batches[0]) batches.push(batch);
      const outcome = await attempt(batch, deadline);
      if (outcome === 'refused') refused(batch);
      else if (outcome instanceof Error) return failed(outcome);
      else {
        batches.shift();
        stored += batch.rows.length;
        if (failures) log(`clicks: the database is back; ${waiting()} clicks still waiting.`);
        failures = 0;
      }
      if (!drain && !batches.length && rows.length < maxBatchRows) return true;
    }
    return !hasWork();
  }

  function failed(error: Error): false {
    failures++;
    report(`clicks: could not write to the database (${describeError(error)}); ${waiting()} clicks kept in memory, attempt ${failures}, next in ${backoff()} ms.`);
    return false;
  }

  function run(drain: boolean, deadline = Infinity): Promise<boolean> {
    if (running) return running;
    clearTimeout(timer);
    timer = undefined;
    const started = Date.now();
    running = pump(drain, deadline).finally(() => {
      running = undefined;
      // Flushes start every `flushMs` (not `flushMs` after the last write ended): a slow write does not widen the window a crash can lose.
      if (hasWork()) schedule(failures ? backoff() : Math.max(0, flushMs - (Date.now() - started)));
    });
    return running;
  }

  function addFiltered(f: FilteredCount): void {
    const key = `${f.day}|${f.target}|${f.reason}`;
    const existing = filtered.get(key);
    if (existing) existing.count += f.count;
    else filtered.set(key, { ...f });
  }

  function unsaved(): Unsaved {
    // Without today's salt no hash can be linked to the stored ones; a throwaway salt still keeps the IP out.
    hashHits(hits.length, salt?.value ?? randomBytes(16).toString('hex'));
    const unconfirmed = batches.filter((b) => b.filtered.length).map((b) => ({ id: b.id, filtered: b.filtered }));
    return { rows: [...setAside.rows, ...batches.flatMap((b) => b.rows), ...rows], filtered: [...setAside.filtered, ...filtered.values()], unconfirmed };
  }

  return {
    recordClick(hit) {
      if (waiting() >= maxBuffered) {
        dropped++;
        report(`clicks: ${dropped} clicks dropped so far: ${maxBuffered} are waiting for the database.`);
        return;
      }
      // Hashed at the flush, all waiting hits in one pass: cheaper than one at a time between requests.
      hits.push(hit);
      recorded++;
      schedule(flushMs);
    },
    countFiltered(linkSlug, reason, at) {
      addFiltered({ day: dayOf(at), target: linkSlug, reason, count: 1 });
      schedule(flushMs);
    },
    async start() {
      try {
        await prepareAndHash(Date.now() + writeTimeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async flush() {
      if (running) await running;
      return run(true);
    },
    async stop(budgetMs = 8_000) {
      stopping = true;
      clearTimeout(timer);
      const deadline = Date.now() + budgetMs;
      // A write still running at the deadline is given up; its batch is returned (a retry later is harmless).
      const deadlineTimer = setTimeout(() => giveUp.abort(new Error('stopping')), budgetMs);
      try {
        if (running) await running;
        let done = await run(true, deadline);
        // One more try after a failure, if there is time for it.
        if (!done && deadline - Date.now() > backoff()) {
          await new Promise((r) => setTimeout(r, backoff()));
          done = await run(true, deadline);
        }
      } finally {
        clearTimeout(deadlineTimer);
      }
      return unsaved();
    },
    pending: waiting,
    totals: () => ({ recorded, stored, dropped, attempts }),
  };
}

/** How many of the first hits (in arrival order) were made before `to` (ms). */
function countBefore(hits: ClickHit[], to: number): number {
  let n = 0;
  while (n < hits.length && hits[n]!.createdAt.getTime() < to) n++;
  return n;
}

/** A day's salt with the day's end (UTC, as `dayOf`). */
function withEnd(day: string, value: string): { day: string; value: string; to: number } {
  return { day, value, to: startOfDay(day) + DAY_MS };
}

/** The driver's own message (drizzle wraps it in one that repeats the whole query). */
function describeError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return String(((cause ?? error) as Error)?.message ?? error);
}
