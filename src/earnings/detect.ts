import { columnKey, type CsvRecord } from '../platform/csv/index.ts';
import { amazon } from './amazon.ts';
import { awin } from './awin.ts';
import { cj } from './cj.ts';
import { generic } from './generic.ts';
import { impact } from './impact.ts';
import { rakuten } from './rakuten.ts';
import { shareasale } from './shareasale.ts';
import type { ReportFormat, ReportNetwork } from './format.ts';

export const FORMATS: Record<ReportNetwork, ReportFormat> = { amazon, impact, shareasale, cj, rakuten, awin, generic };

/** Where the header is, which format it is, and the column index of each role. */
export interface DetectedHeader {
  format: ReportFormat;
  headerIndex: number;
  /** The header's cells as written. */
  names: string[];
  columns: Record<string, number>;
}

export type DetectResult = { ok: true; header: DetectedHeader } | { ok: false; error: string };

// Reports may start with title lines (Amazon: "Fee-Earnings reports from …").
const HEADER_SEARCH_ROWS = 15;

/**
 * Finds the header row and the network. With `network` given, only that format is tried;
 * without, of the formats whose required columns are all present the one matching most
 * columns wins (so Impact's API names do not pass for Awin's). A miss is a readable message
 * naming the missing columns.
 */
export function detectHeader(rows: CsvRecord[], network?: ReportNetwork): DetectResult {
  const formats = network ? [FORMATS[network]] : Object.values(FORMATS);
  let closest: { format: ReportFormat; missing: string[]; found: string[] } | undefined;
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const keys = row.cells.map(columnKey);
    let best: DetectedHeader | undefined;
    for (const format of formats) {
      const { columns, missing } = matchColumns(format, keys);
      if (missing.length === 0 && (!best || Object.keys(columns).length > Object.keys(best.columns).length)) {
        best = { format, headerIndex: index, names: row.cells, columns };
      }
      if (!closest || missing.length < closest.missing.length) closest = { format, missing, found: row.cells };
    }
    if (best) return { ok: true, header: best };
  }
  if (!closest) return { ok: false, error: 'The report is empty.' };
  const missing = closest.missing.join('; ');
  const found = closest.found.join(', ');
  if (network) {
    return { ok: false, error: `This ${closest.format.label} report is missing columns: ${missing}. Columns found: ${found}.` };
  }
  return {
    ok: false,
    error:
      `Could not tell which network this report is from. Closest is ${closest.format.label}, ` +
      `but it is missing columns: ${missing}. Columns found: ${found}. ` +
      `Pass --network amazon|impact|shareasale|cj|rakuten|awin|generic, or use the generic format.`,
  };
}

function matchColumns(format: ReportFormat, keys: string[]): { columns: Record<string, number>; missing: string[] } {
  const columns: Record<string, number> = {};
  const missing: string[] = [];
  for (const [role, names] of Object.entries(format.columns)) {
    const at = keys.findIndex((key) => names.some((name) => columnKey(name) === key));
    if (at >= 0) columns[role] = at;
    else missing.push(names.length > 1 ? `"${names[0]}" (or ${names.slice(1).map((n) => `"${n}"`).join(', ')})` : `"${names[0]}"`);
  }
  for (const [role, names] of Object.entries(format.optional ?? {})) {
    const at = keys.findIndex((key) => names.some((name) => columnKey(name) === key));
    if (at >= 0) columns[role] = at;
  }
  return { columns, missing };
}
