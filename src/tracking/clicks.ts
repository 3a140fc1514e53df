/**
 * The click recorder: the redirect hands it a click and moves on; the recorder writes
 * clicks in batches (one multi-row INSERT per few hundred rows, one transaction per flush)
 * every `flushMs`, and once more on stop. While the database is down, clicks stay in memory
 * and are retried with back-off, up to `maxBuffered`; past that new clicks are dropped and
 * counted in the log. Whatever still cannot be written at stop is returned to the caller
 * (the server saves it to a file and imports it at the next start: src/tracking/unsaved-clicks.ts).
 */
import { randomBytes } from 'node:crypto';
import type { InStatement } from '@libsql/client';
import type { Db } from '../../db/client.ts';
import type { clicks } from '../../db/schema/clicks.ts';
import type { FilterReason } from './bots.ts';
import type { DeviceClass } from './request-info.ts';
import { createUniqueWindow, seedUniqueWindow } from './unique-clicks.ts';
import { getDailySalt, hashVisitor } from './visitors.ts';
import { dayOf } from '../platform/time.ts';

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

export type ClickRow = typeof clicks.$inferInsert;
export interface FilteredCount {
  day: string;
  target: string;
  reason: FilterReason;
  count: number;
}
export interface Unsaved {
  rows: ClickRow[];
  filtered: FilteredCount[];
}

export interface RecorderOptions {
  flushMs?: number;
  maxBuffered?: number;
  now?: () => Date;
  log?: (message: string) => void;
  /** Runs before the first write until it succeeds (e.g. migrations when the database was down at start). */
  prepare?: () => Promise<void>;
  /** Writes one batch; by default `writeClickBatch` on `db` (the server runs it in a worker thread). */
  write?: BatchWriter;
}

export type BatchWriter = (rows: ClickRow[], filtered: FilteredCount[]) => Promise<void>;

export interface ClickRecorder {
  recordClick(hit: ClickHit): void;
  /** Counts a hit that was redirected but not counted (bot, preview, HEAD, prefetch). */
  countFiltered(linkSlug: string, reason: FilterReason, at: Date): void;
  /** Writes what is buffered now; false when the database refused (it stays buffered). */
  flush(): Promise<boolean>;
  /** Final flush; returns what could not be written (empty when all is stored). */
  stop(): Promise<Unsaved>;
  /** Clicks not yet stored. */
  pending(): number;
  /** Totals since start: clicks handed in, stored, dropped for lack of room. */
  totals(): { recorded: number; stored: number; dropped: number };
}

/** Creates a recorder writing to `db`. See the module comment for the failure behaviour. */
export function createClickRecorder(db: Db, options: RecorderOptions = {}): ClickRecorder {
  const { flushMs = 100, maxBuffered = 100_000, now = () => new Date(), log = console.error } = options;
  const write = options.write ?? ((batch: ClickRow[], counts: FilteredCount[]) => writeClickBatch(db, batch, counts));
  let hits: ClickHit[] = [];
  const rows: ClickRow[] = [];
  let filtered = new Map<string, FilteredCount>();
  const uniques = createUniqueWindow();
  let salt: { day: string; value: string } | undefined;
  let prepared = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<boolean> = Promise.resolve(true);
  let failures = 0;
  let lastLog = 0;
  let dropped = 0;
  let recorded = 0;
  let stored = 0;
  let lastPrune = now().getTime();

  const schedule = (delay: number) => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
    timer.unref();
  };

  const report = (message: string) => {
    // At most one line per 10 s while the database stays down: the log must stay readable.
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    log(message);
  };

  async function hashHits(): Promise<void> {
    const day = dayOf(now());
    if (salt?.day !== day) salt = { day, value: await getDailySalt(db, day) };
    rows.push(...toRows(hits.splice(0), salt.value));
  }

  function toRows(taken: ClickHit[], saltValue: string): ClickRow[] {
    // Field by field, not by spreading: this runs for every click.
    return taken.map((hit) => {
      const visitorHash = hashVisitor(saltValue, hit.ip, hit.userAgent);
      const isUnique = uniques.isUnique(visitorHash, hit.linkSlug, hit.createdAt.getTime());
      const { id, createdAt, linkSlug, source, placement, referrerHost, device, country } = hit;
      return { id, createdAt, linkSlug, source, placement, referrerHost, device, country, visitorHash, isUnique };
    });
  }

  async function flushOnce(): Promise<boolean> {
    if (!hits.length && !rows.length && !filtered.size) return true;
    const taken = [...filtered.values()];
    filtered = new Map();
    try {
      if (!prepared) {
        await options.prepare?.();
        await seedUniqueWindow(db, uniques, now().getTime());
        prepared = true;
      }
      await hashHits();
      const count = rows.length;
      await write(rows.slice(0, count), taken);
      rows.splice(0, count);
      stored += count;
      if (failures) log(`clicks: the database is back; ${count} buffered clicks stored.`);
      failures = 0;
      pruneUniques();
      return true;
    } catch (error) {
      for (const f of taken) addFiltered(f);
      failures++;
      report(`clicks: could not write to the database (${describeError(error)}); ${hits.length + rows.length} clicks kept in memory, retrying.`);
      return false;
    } finally {
      if (hits.length || rows.length || filtered.size) schedule(failures ? Math.min(flushMs * 2 ** failures, 5_000) : flushMs);
    }
  }

  function pruneUniques(): void {
    const at = now().getTime();
    if (at - lastPrune < 5 * 60_000) return;
    uniques.prune(at);
    lastPrune = at;
  }

  function addFiltered(f: FilteredCount): void {
    const key = `${f.day}|${f.target}|${f.reason}`;
    const existing = filtered.get(key);
    if (existing) existing.count += f.count;
    else filtered.set(key, { ...f });
  }

  function flush(): Promise<boolean> {
    queue = queue.then(flushOnce);
    return queue;
  }

  return {
    recordClick(hit) {
      if (hits.length + rows.length >= maxBuffered) {
        dropped++;
        report(`clicks: ${dropped} clicks dropped so far: ${maxBuffered} are waiting for the database.`);
        return;
      }
      hits.push(hit);
      recorded++;
      schedule(flushMs);
    },
    countFiltered(linkSlug, reason, at) {
      addFiltered({ day: dayOf(at), target: linkSlug, reason, count: 1 });
      schedule(flushMs);
    },
    flush,
    async stop() {
      clearTimeout(timer);
      if (!(await flush())) await flush();
      clearTimeout(timer);
      // Without today's salt no hash can be linked to the stored ones; a throwaway salt still keeps the IP out.
      const unsavedRows = [...rows, ...toRows(hits.splice(0), salt?.value ?? randomBytes(16).toString('hex'))];
      return { rows: unsavedRows, filtered: [...filtered.values()] };
    },
    pending: () => hits.length + rows.length,
    totals: () => ({ recorded, stored, dropped }),
  };
}

/** The driver's own message (drizzle wraps it in one that repeats the whole query). */
function describeError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return String(((cause ?? error) as Error)?.message ?? error);
}

const CLICK_COLUMNS = ['id', 'created_at', 'link_slug', 'source', 'placement', 'referrer_host', 'device', 'country', 'visitor_hash', 'is_unique'];
/** Values per click in `clickValues`, in the order of the clicks table's columns. */
export const VALUES_PER_CLICK = CLICK_COLUMNS.length;
const CHUNK = 500;
const clickInsertSql = new Map<string, string>();

/** One multi-row INSERT for `count` clicks; the SQL text is built once per size. */
export function clickInsert(count: number, ignoreExisting = false): string {
  const key = `${count}|${ignoreExisting}`;
  let text = clickInsertSql.get(key);
  if (!text) {
    const row = `(${CLICK_COLUMNS.map(() => '?').join(',')})`;
    text = `insert ${ignoreExisting ? 'or ignore ' : ''}into clicks (${CLICK_COLUMNS.join(',')}) values ${Array(count).fill(row).join(',')}`;
    clickInsertSql.set(key, text);
  }
  return text;
}

export type ClickValue = string | number | null;

/**
 * Clicks as one flat list of column values, `VALUES_PER_CLICK` per click: what the INSERTs
 * bind, and cheaper to hand to another thread than the row objects.
 */
export function clickValues(rows: ClickRow[]): ClickValue[] {
  const values: ClickValue[] = [];
  for (const row of rows) {
    const at = row.createdAt instanceof Date ? row.createdAt.getTime() : Number(row.createdAt);
    values.push(row.id, at, row.linkSlug, row.source ?? null, row.placement ?? null, row.referrerHost ?? null, row.device, row.country ?? null, row.visitorHash, row.isUnique ? 1 : 0);
  }
  return values;
}

export const FILTERED_UPSERT =
  "insert into filtered_hits (day, kind, target, reason, count) values (?, 'click', ?, ?, ?) " +
  'on conflict (day, kind, target, reason) do update set count = count + excluded.count';

/**
 * Writes clicks and filtered counts in one transaction: multi-row INSERTs of 500 rows,
 * filtered counts added to the day's totals. `ignoreExisting` skips click ids already stored.
 * Plain SQL through the driver: on the busiest write path, building the statement through
 * the query builder cost as much as executing it.
 */
export async function writeClickBatch(db: Db, rows: ClickRow[], filtered: FilteredCount[], ignoreExisting = false): Promise<void> {
  await writeClickValues(db, clickValues(rows), filtered, ignoreExisting);
}

/** `writeClickBatch` for clicks already turned into `clickValues`. */
export async function writeClickValues(db: Db, values: ClickValue[], filtered: FilteredCount[], ignoreExisting = false): Promise<void> {
  const statements: InStatement[] = [];
  const step = CHUNK * VALUES_PER_CLICK;
  for (let i = 0; i < values.length; i += step) {
    const args = values.slice(i, i + step);
    statements.push({ sql: clickInsert(args.length / VALUES_PER_CLICK, ignoreExisting), args });
  }
  for (const f of filtered) statements.push({ sql: FILTERED_UPSERT, args: [f.day, f.target, f.reason, f.count] });
  if (statements.length) await db.$client.batch(statements, 'write');
}
