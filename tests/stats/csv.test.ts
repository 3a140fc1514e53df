import { expect, test } from 'vitest';
import { toCsv } from '../../src/stats/csv.ts';
import { addColumns, type StatsTable } from '../../src/stats/table.ts';

const table: StatsTable = {
  id: 'links',
  title: 'Links',
  rowKey: 'link',
  columns: [{ key: 'link', label: 'Link', kind: 'text' }, { key: 'clicks', label: 'Clicks', kind: 'count' }, { key: 'ctr', label: 'CTR', kind: 'percent' }],
  rows: [{ link: 'a,"b"', clicks: 1234, ctr: 0.123456 }, { link: '=HYPERLINK("x")', clicks: 0, ctr: null }],
};

test('toCsv quotes, writes rates to one decimal as percentages and defuses spreadsheet formulas', () => {
  expect(toCsv(table)).toBe('link,clicks,ctr\r\n"a,""b""",1234,12.3%\r\n"\'=HYPERLINK(""x"")",0,\r\n');
});

test('addColumns extends a table for both the page and the CSV (e.g. earnings)', () => {
  const withRevenue = addColumns(table, [{ key: 'revenue', label: 'Revenue', kind: 'money' }], (row) => ({ revenue: row.link === 'a,"b"' ? 12.5 : null }));
  expect(toCsv(withRevenue).split('\r\n')[0]).toBe('link,clicks,ctr,revenue_usd');
  expect(toCsv(withRevenue).split('\r\n')[1]).toBe('"a,""b""",1234,12.3%,12.50');
});

test('toCsv writes money to the cent with its currency in the header', () => {
  const money: StatsTable = { ...table, currency: 'EUR', columns: [table.columns[0]!, { key: 'epc', label: 'EPC', kind: 'money' }], rows: [{ link: 'x', epc: 0.6385714285714286 }, { link: 'y', epc: 1234.5 }] };
  expect(toCsv(money)).toBe('link,epc_eur\r\nx,0.64\r\ny,1234.50\r\n');
});
