import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clicks } from '../../../db/schema/clicks.ts';
import { importReport } from '../../../src/earnings/import.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { logIn } from '../../support/stats-fixture.ts';

const PASSWORD = 'correct horse battery staple';
let t: TestDb;
let server: RunningServer;

beforeAll(async () => {
  t = await createTestDb();
  const at = new Date(Date.now() - 3_600_000);
  const click = (id: string, linkSlug: string, source: string, placement: string) => ({ id, createdAt: at, linkSlug, source, placement, device: 'mobile' as const, visitorHash: id, isUnique: true });
  await t.db.insert(clicks).values([
    click('clickAAAAAAAA1', 'vantage-pro-16-amazon', '/posts/best-paddles-2026/', 'top-pick:vantage-pro-16'),
    click('clickAAAAAAAA2', 'vantage-pro-16-amazon', '/posts/best-paddles-2026/', 'top-pick:vantage-pro-16'),
    click('clickBBBBBBBB1', 'vantage-pro-16-direct', 'email:november-picks', 'product-card:1'),
  ]);
  const day = at.toISOString().slice(0, 10);
  // Two sales: 12.00 on the first Amazon click, 6.50 pending from the newsletter; one unattributed.
  const report = [
    'subid,transaction_id,date,sale_amount,commission,status',
    `clickAAAAAAAA1,T-1,${day},149.00,12.00,approved`,
    `clickBBBBBBBB1,T-2,${day},149.00,6.50,pending`,
    `nosuchclick,T-3,${day},20.00,1.00,approved`,
  ].join('\n');
  expect((await importReport(t.db, report, { network: 'generic' })).ok).toBe(true);
  server = await startServer({ DATABASE_URL: t.url, STATS_PASSWORD: PASSWORD });
});
afterAll(async () => {
  await server?.stop();
  t?.cleanup();
});

describe('earnings on /stats', () => {
  test('the page shows commission and the unattributed total, and money columns in the tables', async () => {
    const { cookie } = await logIn(server.url, PASSWORD);
    const html = await (await fetch(`${server.url}/stats?period=7`, { headers: { Cookie: cookie! } })).text();
    expect(html).toContain('id="earnings-title"');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // 12.00 + 6.50 attributed, plus the unattributed 1.00.
    expect(text).toMatch(/Commission \$19\.50/);
    expect(text).toMatch(/Unattributed \$1\.00 \(1 sales\)/);
    expect(html).toMatch(/<table data-table="links"[^>]*>[\s\S]*?>Commission<[\s\S]*?<\/table>/);
  });

  test('every table CSV carries EPC per row: commission / clicks in the period (HTTP Basic works)', async () => {
    const auth = `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`;
    const csv = async (table: string) => {
      const res = await fetch(`${server.url}/stats/${table}.csv?period=7`, { headers: { Authorization: auth } });
      expect(res.status).toBe(200);
      return (await res.text()).trim().split('\r\n').map((line) => line.split(','));
    };
    const links = await csv('links');
    expect(links[0]).toEqual(['link', 'product', 'merchant', 'clicks', 'unique_clicks', 'sales', 'revenue_usd', 'commission_usd', 'epc_usd']);
    expect(links).toContainEqual(['vantage-pro-16-amazon', 'Vantage Pro 16 Carbon Paddle', 'Amazon', '2', '2', '1', '149.00', '12.00', '6.00']);
    expect(links).toContainEqual(['vantage-pro-16-direct', 'Vantage Pro 16 Carbon Paddle', 'Vantage Sports', '1', '1', '1', '149.00', '6.50', '6.50']);
    const newsletters = await csv('newsletters');
    expect(newsletters).toContainEqual(['november-picks', '1', '1', '1', '149.00', '6.50', '6.50']);
  });
});
