import type { EarningsRow, EarningsStats, EarningsTable } from '../earnings/stats.ts';
import { addColumns, type Column, type StatsTable } from './table.ts';

const COLUMNS: Column[] = [
  { key: 'sales', label: 'Sales', kind: 'count' },
  { key: 'revenue', label: 'Revenue', kind: 'money' },
  { key: 'commission', label: 'Commission', kind: 'money' },
  { key: 'epc', label: 'EPC', kind: 'money' },
];

// Which earnings figures go with which stats table (matched on the table's row key).
const MATCH: Record<string, EarningsTable> = {
  articles: 'pages',
  links: 'links',
  merchants: 'merchants',
  placements: 'placements',
  newsletters: 'newsletters',
};

/**
 * The stats tables with sales, revenue, commission and EPC (commission per click) appended
 * to articles, links, merchants, placements and newsletters, so the page and every CSV show
 * clicks and money side by side. Amounts are in currency units; EPC is null without clicks.
 */
export function addEarningsColumns(tables: StatsTable[], earnings: EarningsStats): StatsTable[] {
  return tables.map((table) => {
    const kind = MATCH[table.id];
    if (!kind) return table;
    const byKey = new Map<string, EarningsRow>(earnings[kind].map((r) => [r.key, r]));
    const currency = earnings.currencies?.[0] ?? 'USD';
    return { ...withEarnings(table, byKey), currency };
  });
}

function withEarnings(table: StatsTable, byKey: Map<string, EarningsRow>): StatsTable {
    return addColumns(table, COLUMNS, (row) => {
      const r = byKey.get(String(row[table.rowKey]));
      return {
        sales: r?.conversions ?? 0,
        revenue: (r?.revenueCents ?? 0) / 100,
        commission: (r?.commissionCents ?? 0) / 100,
        epc: r && r.epcCents !== null ? r.epcCents / 100 : null,
      };
    });
}
