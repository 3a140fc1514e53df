import type { Cell, StatsTable } from './table.ts';

/**
 * A table as CSV (RFC 4180): headers are the column keys, numbers are raw (ratios as
 * fractions with 4 decimals), text is quoted when needed. Cells that a spreadsheet would
 * run as a formula are prefixed with an apostrophe.
 */
export function toCsv(table: StatsTable): string {
  const lines = [table.columns.map((c) => quote(c.key)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => formatCsvCell(row[c.key] ?? null, c.kind)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function formatCsvCell(value: Cell, kind: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return kind === 'percent' ? value.toFixed(4) : String(value);
  return quote(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
