import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importReport } from '../../src/earnings/import.ts';
import { getEarningsStats, type EarningsStats } from '../../src/earnings/stats.ts';
import { seedClicks, type SeedClick } from '../support/clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// Hand-computed scenario for March 2026 (see the expected figures below).
const click = (id: string, source: string, placement: string, linkSlug: string, at = '2026-03-03T12:00:00Z'): SeedClick => ({ id, source, placement, linkSlug, at });
const CLICKS = [
  click('k0', '/posts/a/', 'product-card:1', 'paddle-amz', '2026-02-28T12:00:00Z'), // before the period
  click('k1', '/posts/a/', 'product-card:1', 'paddle-amz'),
  click('k2', '/posts/a/', 'product-card:1', 'paddle-amz'),
  click('k3', '/posts/a/', 'product-card:1', 'paddle-amz'),
  click('k4', '/posts/a/', 'product-card:1', 'paddle-amz'),
  click('k5', '/posts/a/', 'buy-button:1', 'paddle-direct'),
  click('k6', '/posts/a/', 'buy-button:1', 'paddle-direct'),
  click('k7', '/posts/b/', 'product-card:1', 'paddle-amz'),
  click('k8', '/posts/b/', 'product-card:1', 'paddle-amz'),
  click('k9', 'email:march', 'email:cta', 'paddle-direct'),
  click('k10', 'email:march', 'email:cta', 'paddle-direct'),
];
const REPORT = `subid,transaction_id,date,sale_amount,commission,status
k1,t1,2026-03-05,100.00,4.00,approved
k2,t2,2026-03-06,50.00,2.00,pending
k5,t3,2026-03-07,200.00,20.00,approved
k9,t4,2026-03-08,80.00,8.00,pending
k7,t5,2026-03-09,30.00,1.50,reversed
k0,t6,2026-03-02,60.00,3.00,approved
nope,t7,2026-03-10,40.00,5.00,approved
k3,t8,2026-04-02,70.00,7.00,approved
k6,t9,2026-03-12,-50.00,-5.00,reversed
`;
const MERCHANTS = new Map([['paddle-amz', 'Amazon'], ['paddle-direct', 'Vantage Sports']]);
const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');

let t: TestDb;
let stats: EarningsStats;
beforeAll(async () => {
  t = await createTestDb();
  await seedClicks(t.db, CLICKS);
  expect(await importReport(t.db, REPORT)).toMatchObject({ ok: true, imported: 9 });
  stats = await getEarningsStats(t.db, FROM, TO, MERCHANTS);
});
afterAll(() => t.cleanup());

const pick = (rows: EarningsStats['pages']) => Object.fromEntries(rows.map((r) => [r.key, [r.clicks, r.commissionCents, r.epcCents]]));

describe('getEarningsStats', () => {
  test('per article: commission of conversions in the period over clicks in the period', () => {
    // /posts/a/: 6 clicks (k0 is February); 400 + 200 + 2000 + 300 (k0's sale is in March) − 500 = 2400 → EPC 400.
    // /posts/b/: the only sale was reversed → 0.
    expect(pick(stats.pages)).toEqual({ '/posts/a/': [6, 2400, 400], '/posts/b/': [2, 0, 0] });
    expect(stats.pages[0]).toMatchObject({ conversions: 4, revenueCents: 36000 });
  });

  test('per link, placement, merchant and newsletter', () => {
    expect(pick(stats.links)).toEqual({ 'paddle-amz': [6, 900, 150], 'paddle-direct': [4, 2300, 575] });
    expect(pick(stats.placements)).toEqual({ 'product-card:1': [6, 900, 150], 'buy-button:1': [2, 1500, 750], 'email:cta': [2, 800, 400] });
    expect(pick(stats.merchants)).toEqual({ Amazon: [6, 900, 150], 'Vantage Sports': [4, 2300, 575] });
    expect(pick(stats.newsletters)).toEqual({ march: [2, 800, 400] });
  });

  test('totals, status split and the unattributed total', () => {
    expect(stats.totals).toEqual({ clicks: 10, conversions: 6, revenueCents: 48000, commissionCents: 3700, epcCents: 370 });
    expect(stats.byStatus).toEqual({
      pending: { conversions: 2, commissionCents: 1000 },
      approved: { conversions: 4, commissionCents: 3200 },
      reversed: { conversions: 2, commissionCents: 650 },
    });
    expect(stats.unattributed).toEqual({ conversions: 1, revenueCents: 4000, commissionCents: 500 });
    expect(stats.currencies).toEqual(['USD']);
  });

  test('rows sorted by commission, with EPC = commission per click of the period', () => {
    expect(stats.links.map((r) => [r.key, r.clicks, r.conversions, r.revenueCents, r.commissionCents, r.epcCents])).toEqual([
      ['paddle-direct', 4, 2, 23000, 2300, 575],
      ['paddle-amz', 6, 3, 21000, 900, 150],
    ]);
  });

  test('click counts handed in (the stats roll-ups) give the same figures as counting the clicks table', async () => {
    const given = await getEarningsStats(t.db, FROM, TO, MERCHANTS, {
      total: 10,
      bySource: new Map<string | null, number>([['/posts/a/', 6], ['/posts/b/', 2], ['email:march', 2]]),
      byLink: new Map([['paddle-amz', 6], ['paddle-direct', 4]]),
      byPlacement: new Map<string | null, number>([['product-card:1', 6], ['buy-button:1', 2], ['email:cta', 2]]),
    });
    expect(given).toEqual(stats);
  });

  test('a sale imported later, or a status changed by a re-import, shows on the next read (remembered sums are not stale)', async () => {
    const before = await getEarningsStats(t.db, FROM, TO, MERCHANTS);
    expect(before.totals.commissionCents).toBe(stats.totals.commissionCents);
    expect(await importReport(t.db, 'subid,transaction_id,date,sale_amount,commission,status\nk4,t10,2026-03-20,10.00,1.00,approved\n')).toMatchObject({ ok: true, imported: 1 });
    const added = await getEarningsStats(t.db, FROM, TO, MERCHANTS);
    expect(added.totals.commissionCents).toBe(before.totals.commissionCents + 100);
    // t10 reversed: it no longer counts.
    expect(await importReport(t.db, 'subid,transaction_id,date,sale_amount,commission,status\nk4,t10,2026-03-20,10.00,1.00,reversed\n')).toMatchObject({ ok: true });
    const reversed = await getEarningsStats(t.db, FROM, TO, MERCHANTS);
    expect(reversed.totals.commissionCents).toBe(before.totals.commissionCents);
    expect(reversed.byStatus.reversed.conversions).toBe(before.byStatus.reversed.conversions + 1);
  });

  test('an empty period has no rows and no EPC', async () => {
    const empty = await getEarningsStats(t.db, new Date('2025-01-01'), new Date('2025-02-01'), MERCHANTS);
    expect(empty.totals).toEqual({ clicks: 0, conversions: 0, revenueCents: 0, commissionCents: 0, epcCents: null });
    expect(empty.links).toEqual([]);
  });
});
