import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedEvents } from '../../src/stats/demo-events.ts';
import { createBrandReport, findBrandReport, revokeBrandReport, checkBrandReportInput } from '../../src/stats/brand-reports.ts';
import { getBrandReportData, reportRange } from '../../src/stats/brand-data.ts';
import { msOf } from '../../src/stats/period.ts';
import type { Catalog } from '../../src/stats/tables.ts';

// Three brands over the seeded links: "Amazon" owns the *-amazon links, "Direct" the *-direct ones, "Bio" one bio link.
const slugs = ['vantage-pro-16-amazon', 'vantage-pro-16-direct', 'bio-best-paddles', ...Array.from({ length: 77 }, (_, i) => `product-${(i % 40) + 1}-${['amazon', 'direct'][i % 2]}`)];
const merchantOf = (slug: string) => (slug.endsWith('-amazon') ? 'Amazon' : slug.endsWith('-direct') ? 'Direct' : 'Bio');
const catalog: Catalog = {
  links: new Map(slugs.map((s) => [s, { merchant: merchantOf(s), product: `Product ${s}` }])),
  titles: new Map([['/posts/best-paddles-2026/', 'Best paddles']]),
  placements: new Map(),
};
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedEvents(t.db.$client, { clicks: 5000, views: 3000, subscribers: 50, days: 120, seed: 3 });
  await t.db.$client.execute(`insert into conversions (network, transaction_id, click_id, occurred_at, sale_amount_cents, commission_cents, status, created_at, updated_at)
    select 'x', 'tx-' || rowid, id, created_at, 2000, 150, 'approved', created_at, created_at from clicks where rowid % 25 = 0`);
}, 120_000);
afterAll(() => t?.cleanup());

describe('a brand report', () => {
  test('shows only its brand’s links: clicks, uniques, weeks, devices and sales equal the events of those links', async () => {
    const { token } = await createBrandReport(t.db, { merchant: 'Direct', showConversions: true });
    const report = (await findBrandReport(t.db, token))!;
    const data = await getBrandReportData(t.db, report, catalog);
    const { start, end } = msOf(reportRange(report, new Date()));
    const q = async (sql: string) => (await t.db.$client.execute({ sql, args: [start, end] })).rows;
    const own = "link_slug like '%-direct' and created_at >= ? and created_at < ?";
    const [totals] = await q(`select count(*), sum(is_unique) from clicks where ${own}`);
    expect(data.totals).toEqual({ count: Number(totals![0]), uniques: Number(totals![1]) });
    expect(data.totals.count).toBeGreaterThan(100);
    expect(data.links.every((l) => l.slug.endsWith('-direct'))).toBe(true);
    expect(data.weeks.reduce((s, w) => s + w.clicks, 0)).toBe(data.totals.count);
    const devices = Object.fromEntries((await q(`select device, count(*) from clicks where ${own} group by 1`)).map((r) => [String(r[0]), Number(r[1])]));
    expect(Object.fromEntries(data.devices.map((d) => [d.key, d.clicks]))).toEqual(devices);
    const origins = data.origins.reduce((s, o) => s + o.clicks, 0);
    expect(origins).toBe(data.totals.count);
    const [sales] = await q(`select count(*), sum(commission_cents) from conversions c join clicks k on k.id = c.click_id where k.link_slug like '%-direct' and c.occurred_at >= ? and c.occurred_at < ?`);
    expect(data.conversions).toMatchObject({ sales: Number(sales![0]), commissionCents: Number(sales![1]) });
    // Filtered hits of other brands' links (the seed filters the first five slugs) are not counted.
    const [filtered] = await q(`select coalesce(sum(count), 0) from filtered_hits where kind = 'click' and target like '%-direct' and day >= date(? / 1000, 'unixepoch') and day < date(? / 1000, 'unixepoch')`);
    expect(data.filtered.total).toBe(Number(filtered![0]));
  });

  test('a campaign narrows to its links and dates; links of another merchant cannot be slipped in', async () => {
    const { token } = await createBrandReport(t.db, { merchant: 'Amazon', links: ['product-1-amazon', 'product-2-direct'], from: '2000-01-01', to: '2099-01-01' });
    const report = (await findBrandReport(t.db, token))!;
    const data = await getBrandReportData(t.db, report, catalog);
    expect(data.links.map((l) => l.slug)).toEqual(['product-1-amazon']);
    expect(data.conversions).toBeNull();
    const range = reportRange(report, new Date());
    // Clamped: never past today, never longer than 366 days.
    expect(range.to).toBe(new Date().toISOString().slice(0, 10));
    expect((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000).toBe(365);
  });

  test('stops opening when revoked or expired; wrong tokens open nothing', async () => {
    const live = await createBrandReport(t.db, { merchant: 'Bio' });
    expect(await findBrandReport(t.db, live.token)).not.toBeNull();
    expect(await revokeBrandReport(t.db, live.id)).toBe(true);
    expect(await findBrandReport(t.db, live.token)).toBeNull();
    const soon = await createBrandReport(t.db, { merchant: 'Bio', expiresAt: new Date(Date.now() + 60_000) });
    expect(await findBrandReport(t.db, soon.token)).not.toBeNull();
    expect(await findBrandReport(t.db, soon.token, new Date(Date.now() + 120_000))).toBeNull();
    expect(await findBrandReport(t.db, soon.token.slice(0, -1) + (soon.token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await findBrandReport(t.db, "' or 1=1 --")).toBeNull();
    // Only a hash of the token is stored.
    const stored = (await t.db.$client.execute('select token_hash from brand_reports')).rows.map((r) => String(r.token_hash));
    expect(stored).not.toContain(soon.token);
  });

  test('bad settings are refused with sentences', () => {
    const merchants = new Set(['Amazon']);
    expect(checkBrandReportInput({ merchant: 'Nope' }, merchants)).toEqual(['"Nope" is not a merchant of any link in content/products.']);
    expect(checkBrandReportInput({ merchant: 'Amazon', from: '2026-13-40', to: 'x' }, merchants)).toHaveLength(2);
    expect(checkBrandReportInput({ merchant: 'Amazon', from: '2026-05-02', to: '2026-05-01' }, merchants)).toEqual(['The start date is after the end date.']);
  });
});
