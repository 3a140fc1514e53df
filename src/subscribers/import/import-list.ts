import type { Db } from '../../../db/client.ts';
import { DateOrderEvidence, isCsvError, readCsv, readTwice, type CsvOptions, type CsvSource, type DateOrder } from '../../platform/csv/index.ts';
import { detectFormat, nameCells, type ColumnMap } from './detect.ts';
import type { FileHints, ImportTool, ListFormat } from './format.ts';
import { normaliseRow } from './normalise.ts';
import { listedAddresses, storeChunk, type Pending, type StoreCounts } from './store.ts';

export interface ListImportOptions extends CsvOptions, FileHints {
  /** Forces the tool instead of detecting it from the header. */
  tool?: ImportTool;
  dateOrder?: DateOrder;
  /** Called every few thousand rows with the rows read so far. */
  onProgress?: (rows: number) => void;
  now?: Date;
}

export interface ListImportReport extends StoreCounts {
  ok: true;
  tool: ImportTool;
  label: string;
  /** Data rows read (not counting the header). */
  rows: number;
  /** 1-based line each skipped row starts on. */
  duplicates: { line: number; email: string }[];
  invalid: { line: number; reason: string }[];
  /** Rows imported with a part dropped (a name with a line break, a date that is not one). */
  notes: { line: number; reason: string }[];
}

export type ListImportResult = ListImportReport | { ok: false; error: string };

const SAMPLE_ROWS = 50;
const CHUNK = 1000;

/**
 * Imports a list exported from Mailchimp, Kit, beehiiv, Substack, MailerLite or Perch. The
 * file is read twice, streaming: once to find the tool and the date order, once to store, in
 * one transaction (a failure stores nothing). Status comes from each row's values; dates from
 * the file (missing ones stay empty); nobody on the list is re-subscribed by a file.
 */
export async function importSubscribers(db: Db, source: CsvSource, options: ListImportOptions = {}): Promise<ListImportResult> {
  return readTwice(() => scanList(source, options), (scan) => storeList(db, source, options, scan));
}

type Scan = { ok: true; format: ListFormat; columns: ColumnMap; dateOrder: DateOrder };

async function scanList(source: CsvSource, options: ListImportOptions): Promise<Scan | { ok: false; error: string }> {
  const file = await readCsv(source, options);
  let header: string[] | undefined;
  const sample: string[][] = [];
  const dates = new DateOrderEvidence();
  let roles: number[] = [];
  type Found = Scan | { ok: false; error: string };
  let detected: Found | undefined;
  const detect = (): Found => {
    const found = detectFormat(header!, sample, options.tool);
    if (!found.ok) return found;
    roles = ['signedUpAt', 'confirmedAt', 'unsubscribedAt', 'suppressedAt', 'addedAt'].flatMap((r) => found.columns[r] ?? []);
    return { ok: true, format: found.format, columns: found.columns, dateOrder: 'mdy' };
  };
  let rows = 0;
  for await (const row of file.rows) {
    if (isCsvError(row)) continue;
    if (!header) {
      header = row.cells;
      continue;
    }
    rows++;
    if (!detected) {
      sample.push(row.cells);
      if (sample.length < SAMPLE_ROWS) continue;
      detected = detect();
      if (!detected.ok) return detected;
      for (const [i, cells] of sample.entries()) for (const at of roles) dates.add(cells[at], i);
      continue;
    }
    for (const at of roles) dates.add(row.cells[at], row.line);
  }
  if (!header) return { ok: false, error: 'The file is empty.' };
  if (rows === 0) return { ok: false, error: 'The file has a header but no rows.' };
  if (!detected) {
    detected = detect();
    if (!detected.ok) return detected;
    for (const [i, cells] of sample.entries()) for (const at of roles) dates.add(cells[at], i);
  }
  const order = options.dateOrder ? { ok: true as const, order: options.dateOrder } : dates.decide(file.delimiter === ';' ? null : 'mdy');
  if (!order.ok) return order;
  return detected.ok ? { ...detected, dateOrder: order.order } : detected;
}

async function storeList(db: Db, source: CsvSource, options: ListImportOptions, scan: Scan): Promise<ListImportReport> {
  const { format, columns, dateOrder } = scan;
  const report: ListImportReport = {
    ok: true, tool: format.tool, label: format.label, rows: 0, duplicates: [], invalid: [], notes: [],
    added: { confirmed: 0, pending: 0, unsubscribed: 0, suppressed: 0 }, lowered: [], unchanged: 0,
  };
  const hints = { fileName: options.fileName, status: options.status, dateOrder };
  const origin = { tool: format.tool, file: (options.fileName ?? 'upload').replace(/^.*[\\/]/, '') };
  const now = options.now ?? new Date();
  const seen = new Map<string, number>();
  await db.transaction(async (tx) => {
    const listed = await listedAddresses(tx);
    let batch: Pending[] = [];
    let header = true;
    for await (const row of (await readCsv(source, options)).rows) {
      if (isCsvError(row)) {
        if (!header) (report.rows++, report.invalid.push({ line: row.line, reason: row.error }));
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      if (++report.rows % 5000 === 0) options.onProgress?.(report.rows);
      const result = normaliseRow(format, nameCells(columns, row.cells), hints);
      if (!result.ok) {
        report.invalid.push({ line: row.line, reason: result.reason });
        continue;
      }
      for (const note of result.notes) report.notes.push({ line: row.line, reason: note });
      const key = result.subscriber.email.toLowerCase();
      if (seen.has(key)) {
        report.duplicates.push({ line: row.line, email: result.subscriber.email });
        continue;
      }
      seen.set(key, row.line);
      batch.push({ line: row.line, subscriber: result.subscriber });
      if (batch.length >= CHUNK) {
        await storeChunk(tx, batch, listed, origin, now, report);
        batch = [];
      }
    }
    await storeChunk(tx, batch, listed, origin, now, report);
  });
  options.onProgress?.(report.rows);
  return report;
}

/** Subscribers the import added, of every status. */
export const addedCount = (r: StoreCounts) => Object.values(r.added).reduce((a, b) => a + b, 0);
