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

test('toCsv quotes, keeps raw numbers and defuses spreadsheet formulas', () => {
  expect(toCsv(table)).toBe('link,clicks,ctr\r\n"a,""b""",1234,0.1235\r\n"\'=HYPERLINK(""x"")",0,\r\n');
});

test('addColumns extends a table for both the page and the CSV (e.g. earnings)', () => {
  const withRevenue = addColumns(table, [{ key: 'revenue', label: 'Revenue', kind: 'money' }], (row) => ({ revenue: row.link === 'a,"b"' ? 12.5 : null }));
  expect(toCsv(withRevenue).split('\r\n')[0]).toBe('link,clicks,ctr,revenue');
  expect(toCsv(withRevenue).split('\r\n')[1]).toBe('"a,""b""",1234,0.1235,12.5');
});
