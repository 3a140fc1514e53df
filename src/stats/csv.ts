import type { Cell, StatsTable } from './table.ts';

/**
 * A table as CSV (RFC 4180): headers are the column keys (money columns end in their
 * currency, e.g. `commission_usd`), counts are plain integers, rates are percentages to one
 * decimal ("12.3%", which spreadsheets read as a percentage), money is to the cent
 * ("1234.56"), text is quoted when needed. Cells that a spreadsheet would run as a formula
 * are prefixed with an apostrophe.
 */
export function toCsv(table: StatsTable): string {
  const currency = (table.currency ?? 'USD').toLowerCase();
  const lines = [table.columns.map((c) => quote(c.kind === 'money' ? `${c.key}_${currency}` : c.key)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => formatCsvCell(row[c.key] ?? null, c.kind)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function formatCsvCell(value: Cell, kind: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (kind === 'percent') return `${(value * 100).toFixed(1)}%`;
    if (kind === 'money') return value.toFixed(2);
    if (kind === 'decimal') return String(Math.round(value * 10) / 10);
    return String(value);
  }
  return quote(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
