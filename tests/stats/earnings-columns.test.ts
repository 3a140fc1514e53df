import { describe, expect, test } from 'vitest';
import type { EarningsRow, EarningsStats } from '../../src/earnings/stats.ts';
import { addEarningsColumns } from '../../src/stats/earnings-columns.ts';
import type { StatsTable } from '../../src/stats/table.ts';

const row = (key: string, clicks: number, conversions: number, revenueCents: number, commissionCents: number): EarningsRow => ({
  key, clicks, conversions, revenueCents, commissionCents, epcCents: clicks ? commissionCents / clicks : null,
});
const none: EarningsRow[] = [];
const earnings = {
  links: [row('paddle-amz', 4, 2, 30000, 1800)],
  pages: [row('/posts/a/', 4, 2, 30000, 1800)],
  merchants: none, placements: none, newsletters: none,
} as unknown as EarningsStats;

const table = (id: string, rowKey: string, keys: string[]): StatsTable => ({
  id, title: id, rowKey,
  columns: [{ key: rowKey, label: rowKey, kind: 'text' }, { key: 'clicks', label: 'Clicks', kind: 'count' }],
  rows: keys.map((k) => ({ [rowKey]: k, clicks: 4 })),
});

describe('addEarningsColumns', () => {
  test('appends sales, revenue, commission and EPC by row key, in currency units', () => {
    const [links] = addEarningsColumns([table('links', 'link', ['paddle-amz', 'shoe-amz'])], earnings);
    expect(links!.columns.map((c) => c.key)).toEqual(['link', 'clicks', 'sales', 'revenue', 'commission', 'epc']);
    expect(links!.rows).toEqual([
      { link: 'paddle-amz', clicks: 4, sales: 2, revenue: 300, commission: 18, epc: 4.5 },
      { link: 'shoe-amz', clicks: 4, sales: 0, revenue: 0, commission: 0, epc: null },
    ]);
  });

  test('matches articles to earnings per page and leaves tables without money alone', () => {
    const [articles, devices] = addEarningsColumns([table('articles', 'page', ['/posts/a/']), table('devices', 'device', ['mobile'])], earnings);
    expect(articles!.rows[0]).toMatchObject({ commission: 18, epc: 4.5 });
    expect(devices!.columns.map((c) => c.key)).toEqual(['device', 'clicks']);
  });
});
