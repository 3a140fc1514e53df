import { parse } from 'csv-parse/sync';

/** One non-empty row of a report with the line it starts on (for messages). */
export interface ReportRow {
  line: number;
  cells: string[];
}

/**
 * Reads a CSV (or tab-, pipe- or semicolon-separated) report into rows of cells.
 * Networks' downloads vary: Amazon's can be tab-separated with a title line above the
 * header, ShareASale's API answers pipe-separated; a UTF-8 BOM is dropped.
 */
export function readReport(text: string): ReportRow[] {
  const records = parse(text, {
    delimiter: guessDelimiter(text),
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records
    .filter(({ record }) => record.some((cell) => cell !== ''))
    .map(({ record, info }) => ({ line: info.lines, cells: record }));
}

function guessDelimiter(text: string): string {
  const sample = text.split(/\r?\n/, 8).join('\n');
  const candidates = [',', '\t', '|', ';'];
  const counts = candidates.map((d) => sample.split(d).length - 1);
  return candidates[counts.indexOf(Math.max(...counts))] ?? ',';
}

/** Column names compared loosely: "Sub Id 1", "SubId1" and "sub-id-1" are the same column. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
