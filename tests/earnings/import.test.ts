import { readFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { conversions } from '../../db/schema/earnings.ts';
import { importReport } from '../../src/earnings/import.ts';
import { seedClicks } from '../support/clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/earnings/${name}`, import.meta.url), 'utf8');

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await seedClicks(t.db, [
    { id: 'clickAmz1', linkSlug: 'vantage-pro-16-amazon', source: '/posts/best-paddles-2026/', placement: 'product-card:1', at: '2026-03-04T10:00:00Z' },
    { id: 'clickImp1', linkSlug: 'vantage-pro-16-direct', source: '/posts/best-paddles-2026/', placement: 'buy-button:1', at: '2026-03-06T10:00:00Z' },
    { id: 'clickImp2', linkSlug: 'vantage-pro-16-direct', source: 'email:march-picks', placement: 'email:cta', at: '2026-03-08T10:00:00Z' },
    { id: 'clickSas1', linkSlug: 'balls-shareasale', source: '/links/', placement: 'bio:entry-2', at: '2026-03-10T10:00:00Z' },
    { id: 'clickCj1', linkSlug: 'shoes-cj', source: '/posts/court-shoes/', placement: 'top-pick:1', at: '2026-03-14T10:00:00Z' },
    { id: 'clickRak1', linkSlug: 'bag-rakuten', source: '/posts/court-shoes/', placement: 'product-card:2', at: '2026-03-18T10:00:00Z' },
    { id: 'clickGen1', linkSlug: 'vantage-pro-16-amazon', source: '/posts/best-paddles-2026/', placement: 'product-card:1', at: '2026-03-21T10:00:00Z' },
  ]);
});
afterEach(() => t.cleanup());

const stored = () =>
  t.db
    .select({
      tx: conversions.transactionId, click: conversions.clickId, sub: conversions.subId, sale: conversions.saleAmountCents,
      commission: conversions.commissionCents, status: conversions.status, at: conversions.occurredAt,
    })
    .from(conversions)
    .orderBy(asc(conversions.id));

describe('importReport, each network detected from its header and joined to clicks', () => {
  test('Amazon Fee-Earnings: title line skipped, repeated items kept apart, returns reversed, unknown sub-tag unattributed', async () => {
    const r = await importReport(t.db, fixture('amazon-fee-earnings.csv'));
    expect(r).toMatchObject({ ok: true, network: 'amazon', rows: 4, imported: 4, attributed: 3, unattributed: 1, skipped: [] });
    const rows = await stored();
    expect(rows.map((x) => [x.click, x.sale, x.commission, x.status])).toEqual([
      ['clickAmz1', 14900, 447, 'approved'],
      ['clickAmz1', 14900, 447, 'approved'],
      [null, 123456, 3704, 'approved'],
      ['clickAmz1', -14900, -447, 'reversed'],
    ]);
    expect(rows[2].sub).toBe('clickGone9');
    expect(rows[1].tx).toBe(`${rows[0].tx}#2`);
  });

  test('Impact Action Listing: sub id 1, payout, status, dates with offsets', async () => {
    const r = await importReport(t.db, fixture('impact-actions.csv'));
    expect(r).toMatchObject({ ok: true, network: 'impact', imported: 3, attributed: 2, unattributed: 1 });
    const rows = await stored();
    expect(rows.map((x) => [x.tx, x.click, x.commission, x.status])).toEqual([
      ['19816.4211.10001', 'clickImp1', 1490, 'pending'],
      ['19816.4211.10002', 'clickImp2', 895, 'pending'],
      ['19816.4211.10003', null, 450, 'approved'],
    ]);
    expect(rows[0].at.toISOString()).toBe('2026-03-06T19:22:10.000Z');
  });

  test('ShareASale Activity Details (pipe-separated): Aff Comment, Voided and Locked', async () => {
    const r = await importReport(t.db, fixture('shareasale-activity.csv'));
    expect(r).toMatchObject({ ok: true, network: 'shareasale', imported: 3, attributed: 3 });
    expect((await stored()).map((x) => [x.tx, x.sale, x.commission, x.status])).toEqual([
      ['1583920411', 5999, 600, 'pending'],
      ['1583920412', 12000, 1200, 'reversed'],
      ['1583920413', 3000, 300, 'approved'],
    ]);
  });

  test('CJ Commission Detail: SID, action status, negative correction row', async () => {
    const r = await importReport(t.db, fixture('cj-commissions.csv'));
    expect(r).toMatchObject({ ok: true, network: 'cj', imported: 3, attributed: 3 });
    expect((await stored()).map((x) => [x.tx, x.sale, x.commission, x.status])).toEqual([
      ['2981234001', 109900, 8792, 'approved'],
      ['2981234002', 12900, 1032, 'pending'],
      ['2981234003', -12900, -1032, 'reversed'],
    ]);
  });

  test('Rakuten Signature Orders: Member ID (U1), one row per SKU, returns as negative rows', async () => {
    const r = await importReport(t.db, fixture('rakuten-signature-orders.csv'));
    expect(r).toMatchObject({ ok: true, network: 'rakuten', imported: 3, attributed: 3 });
    const rows = await stored();
    expect(rows.map((x) => [x.commission, x.status])).toEqual([[640, 'approved'], [80, 'approved'], [-640, 'reversed']]);
    expect(new Set(rows.map((x) => x.tx)).size).toBe(3);
    expect(rows[0].at.toISOString()).toBe('2026-03-18T14:05:00.000Z');
  });

  test('generic: decimal comma, unattributed sub-ID, bad rows skipped with reasons', async () => {
    const r = await importReport(t.db, fixture('generic.csv'), { network: 'generic' });
    expect(r).toMatchObject({ ok: true, network: 'generic', rows: 5, imported: 3, attributed: 2, unattributed: 1 });
    if (!r.ok) return;
    expect(r.skipped).toEqual([
      { line: 5, reason: 'date "not-a-date" is not a date (use 2026-03-14 or 03/14/2026)' },
      { line: 6, reason: 'commission "abc" is not an amount' },
    ]);
    expect((await stored()).map((x) => [x.sale, x.commission, x.status])).toEqual([
      [25000, 2500, 'approved'], [123456, 12346, 'pending'], [1000, 100, 'reversed'],
    ]);
  });
});

describe('re-importing', () => {
  test('the same report changes nothing and never duplicates', async () => {
    for (const name of ['amazon-fee-earnings.csv', 'rakuten-signature-orders.csv', 'cj-commissions.csv']) {
      await importReport(t.db, fixture(name));
      const again = await importReport(t.db, fixture(name));
      expect(again).toMatchObject({ ok: true, imported: 0, updated: 0, unchanged: 3 + (name.startsWith('amazon') ? 1 : 0) });
    }
    expect(await stored()).toHaveLength(10);
  });

  test('an updated report moves pending commissions to approved or reversed in place', async () => {
    await importReport(t.db, fixture('impact-actions.csv'));
    const before = await stored();
    const r = await importReport(t.db, fixture('impact-actions-updated.csv'));
    expect(r).toMatchObject({ ok: true, imported: 0, updated: 2, unchanged: 1 });
    const after = await stored();
    expect(after.map((x) => [x.tx, x.status])).toEqual([
      ['19816.4211.10001', 'approved'], ['19816.4211.10002', 'reversed'], ['19816.4211.10003', 'approved'],
    ]);
    expect(after.map((x) => x.tx)).toEqual(before.map((x) => x.tx));
  });

  test('a repeated transaction id inside one report is skipped, not double-counted', async () => {
    const text = 'subid,transaction_id,date,sale_amount,commission,status\nclickGen1,X1,2026-03-01,10,1,pending\nclickGen1,X1,2026-03-01,10,1,pending\n';
    const r = await importReport(t.db, text);
    expect(r).toMatchObject({ ok: true, imported: 1, skipped: [{ line: 3, reason: 'transaction X1 repeats line 2' }] });
  });
});

describe('reports that cannot be read', () => {
  test('missing columns are named and nothing is stored', async () => {
    const r = await importReport(t.db, fixture('generic-missing-columns.csv'), { network: 'generic' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('missing columns: "commission"; "status"');
    expect(r.error).toContain('Columns found: subid, transaction_id, date, sale_amount');
    expect(await stored()).toHaveLength(0);
  });

  test('a report of another network than the one given names what that network needs', async () => {
    const r = await importReport(t.db, fixture('amazon-fee-earnings.csv'), { network: 'impact' });
    expect(r).toMatchObject({ ok: false });
    if (r.ok) return;
    expect(r.error).toMatch(/^This Impact report is missing columns: "Action Id".*"Payout"/);
  });

  test('an unknown header asks for --network', async () => {
    const r = await importReport(t.db, 'foo,bar\n1,2\n');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('Could not tell which network');
  });
});
