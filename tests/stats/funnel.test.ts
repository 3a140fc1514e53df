import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedEvents } from '../../src/stats/demo-events.ts';
import { getReportWithEarnings } from '../../src/stats/earnings-tables.ts';
import { buildFunnel } from '../../src/stats/funnel.ts';
import { getPeriod, msOf, type DayRange } from '../../src/stats/period.ts';
import type { Catalog } from '../../src/stats/tables.ts';

const catalog: Catalog = { links: new Map(), titles: new Map(), placements: new Map() };
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedEvents(t.db.$client, { clicks: 4000, views: 12_000, subscribers: 600, days: 70, seed: 7 });
  // Sales on every 40th click: a few reversed (not counted), the rest pending or approved.
  await t.db.$client.execute(`insert into conversions (network, transaction_id, sub_id, click_id, occurred_at, sale_amount_cents, commission_cents, currency, status, created_at, updated_at)
    select 'amazon', 'tx-' || rowid, id, id, created_at + 3600000, 5000, 400, 'USD', case when rowid % 3 = 0 then 'reversed' when rowid % 3 = 1 then 'approved' else 'pending' end, created_at, created_at
    from clicks where rowid % 40 = 0`);
}, 120_000);
afterAll(() => t?.cleanup());

/** The funnel's figures counted straight from the event tables, independently of the roll-ups. */
async function counted(range: DayRange) {
  const { start, end } = msOf(range);
  const one = async (sql: string) => Number((await t.db.$client.execute({ sql, args: [start, end] })).rows[0]![0]);
  return {
    views: await one('select count(*) from views where created_at >= ? and created_at < ?'),
    clicks: await one("select count(*) from clicks where created_at >= ? and created_at < ? and source like '/%'"),
    signups: await one('select count(*) from subscribers where created_at >= ? and created_at < ?'),
    confirmed: await one('select count(confirmed_at) from subscribers where created_at >= ? and created_at < ?'),
    emailClicks: await one("select count(*) from clicks where created_at >= ? and created_at < ? and source like 'email:%'"),
    sales: await one("select count(*) from conversions where occurred_at >= ? and occurred_at < ? and status != 'reversed' and commission_cents > 0"),
    commissionCents: await one("select coalesce(sum(commission_cents), 0) from conversions where occurred_at >= ? and occurred_at < ? and status != 'reversed'"),
  };
}

describe('the funnel', () => {
  test.each(['7', '30'] as const)('for %s days equals counts from the seeded events, with the previous period', async (periodId) => {
    const { funnel } = await getReportWithEarnings(t.db, periodId, catalog);
    const period = getPeriod(periodId, new Date(), null);
    const [current, previous] = [await counted(period.current), await counted(period.previous!)];
    expect(current.views).toBeGreaterThan(0);
    expect(current.sales).toBeGreaterThan(0);
    const byKey = Object.fromEntries(funnel.steps.map((s) => [s.key, s]));
    for (const key of ['views', 'clicks', 'signups', 'confirmed', 'emailClicks', 'sales'] as const) {
      expect(byKey[key]!.value, key).toBe(current[key]);
      expect(byKey[key]!.previous, `previous ${key}`).toBe(previous[key]);
    }
    expect(funnel.commissionCents).toBe(current.commissionCents);
    expect(funnel.previousCommissionCents).toBe(previous.commissionCents);
    expect(byKey.clicks!.rate).toBeCloseTo(current.clicks / current.views, 10);
    expect(byKey.confirmed!.rate).toBeCloseTo(current.confirmed / current.signups, 10);
    expect(byKey.sales!.rate).toBeCloseTo(current.sales / (current.clicks + current.emailClicks), 10);
  });
});

test('buildFunnel gives each step its rate against the step it follows, none when that is zero', () => {
  const steps = buildFunnel({ views: 200, clicks: 10, signups: 4, confirmed: 0, emailClicks: 0, sales: 1, commissionCents: 250 });
  expect(steps.map((s) => [s.key, s.value, s.rate])).toEqual([
    ['views', 200, null], ['clicks', 10, 0.05], ['signups', 4, 0.02], ['confirmed', 0, 0], ['emailClicks', 0, null], ['sales', 1, 0.1],
  ]);
  expect(steps[0]!.previous).toBeUndefined();
});
