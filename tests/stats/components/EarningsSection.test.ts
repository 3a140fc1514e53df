import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, expect, test } from 'vitest';
import EarningsSection from '../../../src/stats/components/EarningsSection.astro';
import { importReport } from '../../../src/earnings/import.ts';
import { getEarningsStats, type EarningsStats } from '../../../src/earnings/stats.ts';
import { seedClicks } from '../../support/clicks.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';

let t: TestDb;
let stats: EarningsStats;
beforeAll(async () => {
  t = await createTestDb();
  await seedClicks(t.db, [
    { id: 'a1', linkSlug: 'paddle-amz', source: '/posts/a/', placement: 'product-card:1', at: '2026-03-02T00:00:00Z' },
    { id: 'a2', linkSlug: 'paddle-amz', source: '/posts/a/', placement: 'product-card:1', at: '2026-03-02T00:00:00Z' },
    { id: 'e1', linkSlug: 'paddle-amz', source: 'email:march', placement: 'email:cta', at: '2026-03-02T00:00:00Z' },
  ]);
  await importReport(t.db, 'subid,transaction_id,date,sale_amount,commission,status\na1,T1,2026-03-03,"1,000.00",30.00,approved\nzz,T2,2026-03-03,10,1.25,pending\n');
  stats = await getEarningsStats(t.db, new Date('2026-03-01'), new Date('2026-04-01'), new Map([['paddle-amz', 'Amazon']]));
});
afterAll(() => t.cleanup());

test('EarningsSection shows the totals by status and the unattributed amount, and no tables of its own', async () => {
  const container = await AstroContainer.create();
  const html = await container.renderToString(EarningsSection, { props: { stats } });
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(text).toContain('Commission $31.25');
  expect(text).toContain('Revenue $1,010.00');
  expect(text).toContain('Earnings per click $10.42');
  expect(text).toContain('Approved $30.00');
  expect(text).toContain('Pending $1.25');
  expect(text).toContain('Unattributed $1.25 (1 sales)');
  // Per-row figures are columns of the stats tables (src/stats/earnings-columns.ts).
  expect(html).not.toContain('<table');
});
