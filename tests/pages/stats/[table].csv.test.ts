import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDb } from '../../support/db.ts';
import type { RunningServer } from '../../support/server.ts';
import { logIn, pageTable, parseCsv, startSeededStats } from '../../support/stats-fixture.ts';
import { formatCell } from '../../../src/stats/table.ts';

const PASSWORD = 'csv-password';
const TABLES = ['articles', 'links', 'merchants', 'placements', 'page-placements', 'newsletters', 'referrers', 'devices', 'countries', 'signups', 'filtered', 'subscriber-value'];
let t: TestDb;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  ({ t, server } = await startSeededStats(PASSWORD));
  cookie = (await logIn(server.url, PASSWORD)).cookie!;
});
afterAll(async () => {
  await server?.stop();
  t?.cleanup();
});

const basic = (password: string) => ({ Authorization: `Basic ${btoa(`any-user:${password}`)}` });

describe('/stats/<table>.csv', () => {
  test('every table on the page has a CSV with the same rows, for each period', async () => {
    for (const period of ['7', '30', 'all']) {
      const html = await (await fetch(`${server.url}/stats?period=${period}`, { headers: { Cookie: cookie } })).text();
      for (const id of TABLES) {
        expect(html, `a CSV link for ${id}`).toContain(`href="/stats/${id}.csv?period=${period}"`);
        const res = await fetch(`${server.url}/stats/${id}.csv?period=${period}`, { headers: { Cookie: cookie } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        const [header, ...rows] = parseCsv(await res.text());
        const kinds = header!.map((key) =>
          /rate|ctr/.test(key) ? 'percent' : /_usd$/.test(key) ? 'money' : /^email_clicks$/.test(key) ? 'decimal' : /^(views|visitors|clicks|unique_clicks|signups|confirmed|links|sales|impressions|pages|reached)$/.test(key) ? 'count' : 'text',
        );
        // Rates are "12.3%" in the CSV, money "12.34": the page shows the same figures formatted.
        const value = (cell: string, kind: string) => (kind === 'text' ? cell : kind === 'percent' ? Number(cell.replace('%', '')) / 100 : Number(cell));
        const asShown = rows.map((row) => row.map((cell, i) => formatCell(cell === '' ? null : value(cell, kinds[i]!), kinds[i] as 'text')));
        expect(asShown, `${id}.csv over ${period}`).toEqual(pageTable(html, id));
      }
    }
  });

  test('links.csv has one row per link slug with its clicks and unique clicks, as counted from the events', async () => {
    const res = await fetch(`${server.url}/stats/links.csv?period=all`, { headers: basic(PASSWORD) });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    // Earnings add their money columns after these (see the earnings test).
    expect(header!.slice(0, 5)).toEqual(['link', 'product', 'merchant', 'clicks', 'unique_clicks']);
    const direct = await t.db.$client.execute('select link_slug, count(*) as clicks, sum(is_unique) as uniq from clicks group by link_slug');
    const expected = Object.fromEntries(direct.rows.map((r) => [String(r.link_slug), [String(r.clicks), String(r.uniq)]]));
    expect(Object.fromEntries(rows.map((r) => [r[0], [r[3], r[4]]]))).toEqual(expected);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  });

  test('HTTP Basic: any user name with the password; otherwise 401 with a Basic challenge', async () => {
    expect((await fetch(`${server.url}/stats/devices.csv`, { headers: basic(PASSWORD) })).status).toBe(200);
    const wrong = await fetch(`${server.url}/stats/devices.csv`, { headers: basic('nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const none = await fetch(`${server.url}/stats/devices.csv`);
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain('device,');
  });

  test('an unknown table is a 404 naming the ones that exist', async () => {
    const res = await fetch(`${server.url}/stats/nope.csv`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('links.csv');
  });
});
