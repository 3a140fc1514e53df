/**
 * One click batch as the database sees it: the SQL both writers (the embedded file's and the
 * remote client's) run in one transaction. Every statement is safe to run twice, so a batch
 * whose commit was not acknowledged can be retried as it is:
 * - clicks are inserted `on conflict (id) do nothing`;
 * - filtered counts are added only if the batch id is not yet in `click_batches`;
 * - a click is stored as unique only if its claim could be added to `click_uniques` (no
 *   unique click by that visitor on that link within the hour), shared by every instance.
 */
import { randomBytes } from 'node:crypto';
import type { InStatement } from '@libsql/client';
import type { Db } from '../../db/client.ts';
import type { clicks } from '../../db/schema/clicks.ts';
import type { FilterReason } from './bots.ts';

export type ClickRow = typeof clicks.$inferInsert;
export interface FilteredCount {
  day: string;
  target: string;
  reason: FilterReason;
  count: number;
}
export type ClickValue = string | number | null;

/** A batch on its way to a writer: clicks as flat values (see `clickValues`). */
export interface ValuesBatch {
  id: string;
  values: ClickValue[];
  filtered: FilteredCount[];
  /** When set, claims and batch ids older than this (ms) are deleted in the same transaction. */
  pruneBefore?: number;
}

export const UNIQUE_WINDOW_MS = 60 * 60 * 1000;
/** How long batch ids are kept for retries: longer than any batch stays unacknowledged. */
const BATCH_ID_KEEP_MS = 2 * 24 * 60 * 60 * 1000;

const CLICK_COLUMNS = ['id', 'created_at', 'link_slug', 'source', 'placement', 'referrer_host', 'device', 'country', 'visitor_hash', 'is_unique'];
/** Values per click in `clickValues`, in the order of the clicks table's columns. */
export const VALUES_PER_CLICK = CLICK_COLUMNS.length;
const [ID, AT, SLUG, , , , , , VISITOR, UNIQUE] = CLICK_COLUMNS.map((_, i) => i);

/** A batch id that sorts by time (base-36 milliseconds, then random), so old ones go by range. */
export function newBatchId(at: number): string {
  return `${batchIdPrefix(at)}-${randomBytes(6).toString('hex')}`;
}
const batchIdPrefix = (at: number) => Math.max(0, at).toString(36).padStart(9, '0');

/** Clicks as one flat list of column values, `VALUES_PER_CLICK` per click (cheap to hand to another thread). */
export function clickValues(rows: ClickRow[]): ClickValue[] {
  const values: ClickValue[] = [];
  for (const row of rows) {
    const at = row.createdAt instanceof Date ? row.createdAt.getTime() : Number(row.createdAt);
    values.push(row.id, at, row.linkSlug, row.source ?? null, row.placement ?? null, row.referrerHost ?? null, row.device, row.country ?? null, row.visitorHash, row.isUnique ? 1 : 0);
  }
  return values;
}

/**
 * Roughly how many bytes a row adds to a remote request: each value travels as a small JSON
 * object (~30 bytes besides the value), a unique click also carries its claim, plus a quarter
 * for safety. Measured: the largest possible click takes ~1.3 KB; used to cap batches.
 */
export function rowBytes(row: ClickRow): number {
  // Null-safe: a malformed row must reach the database, to be refused there and set aside.
  const len = (value: string | null | undefined) => value?.length ?? 0;
  const key = len(row.visitorHash) + len(row.linkSlug) + len(row.id);
  const text = key + len(row.source) + len(row.placement) + len(row.referrerHost) + len(row.country);
  const claim = row.isUnique ? 4 * 40 + key + 13 : 0;
  return Math.ceil(1.25 * (text + 40 * VALUES_PER_CLICK + claim));
}

/** Batch caps: rows, and bytes as `rowBytes` estimates them (~620 KB sent), below the 1 MiB request limit common in front of remote servers. */
export const MAX_BATCH_ROWS = 1_000;
export const MAX_BATCH_BYTES = 768_000;

/** How many of the first `rows` fit in one batch (at least one). */
export function batchSize(rows: ClickRow[], maxRows = MAX_BATCH_ROWS, maxBytes = MAX_BATCH_BYTES): number {
  let size = 0;
  for (let bytes = 0; size < rows.length && size < maxRows; size++) {
    bytes += rowBytes(rows[size]!);
    if (bytes > maxBytes && size > 0) break;
  }
  return size;
}

const cache = new Map<string, string>();
const memo = (key: string, build: () => string) => cache.get(key) ?? (cache.set(key, build()), cache.get(key)!);
const placeholders = (columns: number, rows: number) => Array(rows).fill(`(${Array(columns).fill('?').join(',')})`).join(',');

/** Inserts `count` clicks; a unique one stays unique only if its claim is in `click_uniques`. */
export function clickInsert(count: number): string {
  return memo(`clicks|${count}`, () => {
    const c = (i: number) => `column${i + 1}`;
    const plain = CLICK_COLUMNS.slice(0, UNIQUE).map((_, i) => c(i));
    const claimed = `select 1 from click_uniques u where u.visitor_hash = ${c(VISITOR)} and u.link_slug = ${c(SLUG)} and u.at = ${c(AT)} and u.click_id = ${c(ID)}`;
    return `insert into clicks (${CLICK_COLUMNS.join(',')}) select ${plain.join(',')}, (${c(UNIQUE)} = 1 and exists (${claimed})) from (values ${placeholders(VALUES_PER_CLICK, count)}) where true on conflict (id) do nothing`;
  });
}

/**
 * Claims for `count` unique-click candidates: a claim is added only when no unique click by
 * the same visitor on the same link is within an hour of it, whichever instance wrote it.
 * (Candidates within one batch are an hour apart already: the recorder's window sees to it.)
 */
export function uniqueClaim(count: number): string {
  return memo(`claims|${count}`, () =>
    `insert into click_uniques (visitor_hash, link_slug, at, click_id) select column1, column2, column3, column4 from (values ${placeholders(4, count)}) v ` +
    `where not exists (select 1 from click_uniques u where u.visitor_hash = v.column1 and u.link_slug = v.column2 and u.at > v.column3 - ${UNIQUE_WINDOW_MS} and u.at < v.column3 + ${UNIQUE_WINDOW_MS}) ` +
    'on conflict do nothing',
  );
}

/** The claim values (visitor, link, time, click id) of the unique clicks among `values`. */
export function claimValues(values: ClickValue[]): ClickValue[] {
  const claims: ClickValue[] = [];
  for (let at = 0; at < values.length; at += VALUES_PER_CLICK) {
    if (values[at + UNIQUE] === 1) claims.push(values[at + VISITOR]!, values[at + SLUG]!, values[at + AT]!, values[at + ID]!);
  }
  return claims;
}

/** Adds a filtered count unless this batch id was written before. Args: day, target, reason, count, batch id. */
export const FILTERED_ADD =
  "insert into filtered_hits (day, kind, target, reason, count) select ?, 'click', ?, ?, ? where not exists (select 1 from click_batches where id = ?) " +
  'on conflict (day, kind, target, reason) do update set count = count + excluded.count';
export const BATCH_DONE = 'insert into click_batches (id) values (?) on conflict (id) do nothing';
export const PRUNE_CLAIMS = 'delete from click_uniques where at < ?';
export const PRUNE_BATCH_IDS = 'delete from click_batches where id < ?';
export const pruneBatchIdsBefore = (at: number) => batchIdPrefix(at - BATCH_ID_KEEP_MS);

// Multi-row statements of these sizes cover any batch with few statements (the file writer prepares each once).
export const SIZES = [500, 100, 10, 1];

/** Splits `total` items into the `SIZES` chunks, largest first. */
export function* chunks(total: number): Generator<[start: number, size: number]> {
  for (let at = 0; at < total; ) {
    const size = SIZES.find((s) => s <= total - at)!;
    yield [at, size];
    at += size;
  }
}

/** Every statement of a batch, in order: prune, filtered counts, claims, clicks, the batch id. */
export function batchStatements(batch: ValuesBatch): InStatement[] {
  const statements: InStatement[] = [];
  if (batch.pruneBefore !== undefined) {
    statements.push({ sql: PRUNE_CLAIMS, args: [batch.pruneBefore - UNIQUE_WINDOW_MS] }, { sql: PRUNE_BATCH_IDS, args: [pruneBatchIdsBefore(batch.pruneBefore)] });
  }
  for (const f of batch.filtered) statements.push({ sql: FILTERED_ADD, args: [f.day, f.target, f.reason, f.count, batch.id] });
  const claims = claimValues(batch.values);
  for (const [at, size] of chunks(claims.length / 4)) statements.push({ sql: uniqueClaim(size), args: claims.slice(at * 4, (at + size) * 4) });
  for (const [at, size] of chunks(batch.values.length / VALUES_PER_CLICK)) {
    statements.push({ sql: clickInsert(size), args: batch.values.slice(at * VALUES_PER_CLICK, (at + size) * VALUES_PER_CLICK) });
  }
  if (batch.filtered.length) statements.push({ sql: BATCH_DONE, args: [batch.id] });
  return statements;
}

/** Writes a batch through @libsql/client in one transaction (remote servers, tests, imports). */
export async function writeValuesBatch(db: Db, batch: ValuesBatch): Promise<void> {
  const statements = batchStatements(batch);
  if (statements.length) await db.$client.batch(statements, 'write');
}

/** `writeValuesBatch` for row objects. */
export function writeClickBatch(db: Db, batch: { id: string; rows: ClickRow[]; filtered: FilteredCount[] }): Promise<void> {
  return writeValuesBatch(db, { id: batch.id, values: clickValues(batch.rows), filtered: batch.filtered });
}

/**
 * True when retrying cannot help: the database refused the data itself (a constraint, a
 * value too big or of the wrong type). Down, busy, locked, timed out or unknown: retry.
 */
export function isPermanentRefusal(code: string | undefined): boolean {
  return !!code && /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code);
}
