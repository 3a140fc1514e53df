import type { Db } from '../../db/client.ts';
import { DateOrderEvidence, isCsvError, readCsv, readTwice, type CsvOptions, type CsvRecord, type CsvSource, type DateOrder } from '../platform/csv/index.ts';
import { DecimalEvidence, type Decimal } from './amounts.ts';
import { detectHeader, type DetectedHeader } from './detect.ts';
import type { ReportNetwork } from './format.ts';
import { normaliseConversion, type NormalisedConversion } from './normalise.ts';
import { storeInTransaction, type StoreCounts } from './store.ts';

export interface SkippedRow {
  line: number;
  reason: string;
}

export type ImportResult =
  | ({ ok: true; network: ReportNetwork; label: string; rows: number; skipped: SkippedRow[]; currencies: string[] } & StoreCounts)
  | { ok: false; error: string };

export interface ImportOptions extends CsvOptions {
  network?: ReportNetwork;
  /** For reports that do not say (Amazon UK, Awin without a currency column). */
  currency?: string;
  dateOrder?: DateOrder;
  decimal?: Decimal;
  /** Amazon without sub-tags: "trackingId|ASIN" → link slug, for links that are unambiguous. */
  amazonLinks?: ReadonlyMap<string, string>;
  /** Called every few thousand rows with the rows read so far. */
  onProgress?: (rows: number) => void;
  now?: Date;
}

const HEADER_SEARCH_ROWS = 15;
const CHUNK = 1000;

/**
 * Imports a network's commission report. The network is detected from the header unless
 * given. The file is read twice, streaming: once to decide the date order and decimal
 * separator from its data (refused when the data cannot tell and the file does not look US),
 * then to store. Re-importing the same or an updated report updates rows, never duplicates;
 * a failed import stores nothing. A report with missing columns says which are missing.
 */
export async function importReport(db: Db, source: CsvSource, options: ImportOptions = {}): Promise<ImportResult> {
  return readTwice(() => scanReport(source, options), (scan) => storeReport(db, source, options, scan));
}

type Scan = { ok: true; header: DetectedHeader; dateOrder: DateOrder; decimal?: Decimal; currency: string | null };

async function* records(source: CsvSource, options: CsvOptions) {
  const file = await readCsv(source, options);
  yield* file.rows;
}

async function scanReport(source: CsvSource, options: ImportOptions): Promise<Scan | { ok: false; error: string }> {
  const file = await readCsv(source, options);
  const head: CsvRecord[] = [];
  let detected: DetectedHeader | undefined;
  const dates = new DateOrderEvidence();
  const decimals = new DecimalEvidence();
  let dataRows = 0;
  for await (const row of file.rows) {
    if (isCsvError(row)) continue;
    if (!detected) {
      head.push(row);
      if (head.length < HEADER_SEARCH_ROWS) continue;
      const found = detectHeader(head, options.network);
      if (!found.ok) return found;
      detected = found.header;
      for (const r of head.slice(detected.headerIndex + 1)) (dataRows++, collect(r));
      continue;
    }
    dataRows++;
    collect(row);
  }
  function collect(r: CsvRecord) {
    const c = detected!.columns;
    if (c.date !== undefined) dates.add(r.cells[c.date], r.line);
    for (const role of ['commission', 'saleAmount']) if (c[role] !== undefined) decimals.add(r.cells[c[role]!], r.line);
  }
  if (!detected) {
    if (head.length === 0) return { ok: false, error: 'The file is empty.' };
    const found = detectHeader(head, options.network);
    if (!found.ok) return found;
    detected = found.header;
    for (const r of head.slice(detected.headerIndex + 1)) (dataRows++, collect(r));
  }
  if (dataRows === 0) return { ok: false, error: 'The report has a header but no rows.' };
  // A semicolon file comes from European settings: there, nothing is assumed.
  const us = file.delimiter !== ';';
  const order = options.dateOrder ? { ok: true as const, order: options.dateOrder } : dates.decide(us ? 'mdy' : null);
  if (!order.ok) return order;
  const decimal = options.decimal ? { ok: true as const, decimal: options.decimal } : decimals.decide(us ? '.' : null);
  if (!decimal.ok) return decimal;
  const currency = options.currency?.toUpperCase() ?? detected.format.currency(detected.names);
  if (!currency && detected.columns.currency === undefined) {
    return { ok: false, error: `This ${detected.format.label} report does not say its currency. Pass --currency with the marketplace's currency, e.g. --currency GBP.` };
  }
  return { ok: true, header: detected, dateOrder: order.order, decimal: decimal.decimal, currency };
}

async function storeReport(db: Db, source: CsvSource, options: ImportOptions, scan: Scan): Promise<ImportResult> {
  const { format, headerIndex, columns } = scan.header;
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  const currencies = new Set<string>();
  let rows = 0;
  let index = -1;
  const counts = await storeInTransaction(db, options.now, async (store) => {
    let batch: NormalisedConversion[] = [];
    for await (const row of records(source, options)) {
      if (isCsvError(row)) {
        if (index >= headerIndex) (rows++, skipped.push({ line: row.line, reason: row.error }));
        continue;
      }
      if (++index <= headerIndex || isTotalRow(row.cells)) continue;
      if (++rows % 5000 === 0) options.onProgress?.(rows);
      const named = Object.fromEntries(Object.entries(columns).map(([role, at]) => [role, row.cells[at]]));
      const raw = format.toConversion(named);
      raw.currency ||= scan.currency ?? undefined;
      const result = normaliseConversion(format, raw, scan);
      if (!result.ok) {
        skipped.push({ line: row.line, reason: result.reason });
        continue;
      }
      const conversion = result.conversion;
      const firstLine = seen.get(conversion.transactionId);
      if (firstLine !== undefined && !format.syntheticIds) {
        skipped.push({ line: row.line, reason: `transaction ${conversion.transactionId} repeats line ${firstLine}` });
        continue;
      }
      if (format.syntheticIds) conversion.transactionId = numberRepeat(conversion.transactionId, seen);
      seen.set(conversion.transactionId, row.line);
      if (!conversion.subId && raw.trackingId && raw.asin) conversion.linkSlug = options.amazonLinks?.get(`${raw.trackingId}|${raw.asin}`) ?? null;
      currencies.add(conversion.currency);
      batch.push(conversion);
      if (batch.length >= CHUNK) [batch] = [[], await store(batch)];
    }
    await store(batch);
  });
  options.onProgress?.(rows);
  return { ok: true, network: format.network, label: format.label, rows, skipped, currencies: [...currencies].sort(), ...counts };
}

// Amazon ends its report with ",,,,,,,,,Total,139.84,,".
function isTotalRow(cells: string[]): boolean {
  return cells[0] === '' && cells.some((c) => /^totals?$/i.test(c));
}

// Identical rows of a network without ids are separate items (two paddles shipped the same day).
function numberRepeat(id: string, seen: Map<string, number>): string {
  if (!seen.has(id)) return id;
  let n = 2;
  while (seen.has(`${id}#${n}`)) n++;
  return `${id}#${n}`;
}
