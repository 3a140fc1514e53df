/**
 * One model for every stats table: the page renders it, the CSV export writes it. A feature
 * that adds figures (e.g. earnings: revenue, EPC) appends columns and sets their values on
 * the rows with `addColumns`, and both outputs follow.
 */
export type Cell = string | number | null;

export interface Column {
  /** Also the CSV header. */
  key: string;
  label: string;
  kind: 'text' | 'count' | 'decimal' | 'percent' | 'money';
}

export interface StatsTable {
  /** URL name: /stats/<id>.csv. */
  id: string;
  title: string;
  note?: string;
  /** The column that identifies a row (the first one). */
  rowKey: string;
  /** ISO currency of the money columns (USD when unset). */
  currency?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** A column; counts unless said otherwise. */
export const col = (key: string, label: string, kind: Column['kind'] = 'count'): Column => ({ key, label, kind });

/** Appends columns to a table; `valueOf` gets each row and returns its cells for them. */
export function addColumns(table: StatsTable, columns: Column[], valueOf: (row: Record<string, Cell>) => Record<string, Cell>): StatsTable {
  return {
    ...table,
    columns: [...table.columns, ...columns],
    rows: table.rows.map((row) => ({ ...row, ...valueOf(row) })),
  };
}

/** A ratio as a fraction, or null when the denominator is zero (shown as "–", not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * Formats a cell for people: thousands separators, rates to one decimal ("12.3 %"), money to
 * the cent with its currency ("$1,234.56"), "–" for none.
 */
export function formatCell(value: Cell, kind: Column['kind'], currency = 'USD'): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'string') return value;
  if (kind === 'percent') return `${(value * 100).toFixed(1)} %`;
  if (kind === 'money') return value.toLocaleString('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (kind === 'decimal') return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return value.toLocaleString('en-US');
}
