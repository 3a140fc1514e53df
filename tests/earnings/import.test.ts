import { readFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { conversions } from '../../db/schema/earnings.ts';
import { importReport } from '../../src/earnings/import.ts';
import { getEarningsStats } from '../../src/earnings/stats.ts';
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

const currencies = () => t.db.select({ tx: conversions.transactionId, currency: conversions.currency, link: conversions.linkSlug, status: conversions.status, commission: conversions.commissionCents, sale: conversions.saleAmountCents, at: conversions.occurredAt }).from(conversions).orderBy(asc(conversions.id));

describe("every network's real reports", () => {
  test('Amazon standard Fee-Earnings (no sub-tag): joined to the one link with that tracking id and ASIN, else unattributed; total row ignored', async () => {
    const links = new Map([['kitchenline-20|B0CBCP130S', 'baseline-court-pro-amazon']]);
    const r = await importReport(t.db, fixture('amazon-fee-earnings-us.csv'), { amazonLinks: links });
    expect(r).toMatchObject({ ok: true, network: 'amazon', rows: 3, imported: 3, attributed: 1, unattributed: 2, skipped: [], currencies: ['USD'] });
    expect((await currencies()).map((x) => [x.link, x.commission, x.currency])).toEqual([
      ['baseline-court-pro-amazon', 520, 'USD'], [null, 520, 'USD'], [null, 3702, 'USD'],
    ]);
    // The link-joined sale counts for its link and merchant, not for a page; the others are unattributed.
    const stats = await getEarningsStats(t.db, new Date('2026-09-01'), new Date('2026-10-01'), new Map([['baseline-court-pro-amazon', 'Amazon']]));
    expect(stats.links.map((l) => [l.key, l.commissionCents])).toEqual([['baseline-court-pro-amazon', 520]]);
    expect(stats.merchants.map((m) => [m.key, m.commissionCents])).toEqual([['Amazon', 520]]);
    expect(stats.pages).toEqual([]);
    expect(stats.unattributed.commissionCents).toBe(4222);
  });

  test('Amazon UK has no currency in its header: refused without --currency, stored in GBP with it', async () => {
    const refused = await importReport(t.db, fixture('amazon-fee-earnings-uk.csv'));
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.error).toContain('--currency');
    expect(await currencies()).toHaveLength(0);
    const r = await importReport(t.db, fixture('amazon-fee-earnings-uk.csv'), { currency: 'gbp' });
    expect(r).toMatchObject({ ok: true, imported: 1, currencies: ['GBP'] });
    expect((await currencies())[0]).toMatchObject({ commission: 135, currency: 'GBP' });
  });

  test('Amazon India: tab-separated, (Rs.) amounts in INR, "September 15 2026" dates', async () => {
    const r = await importReport(t.db, fixture('amazon-fee-earnings-in.tsv'));
    expect(r).toMatchObject({ ok: true, imported: 1, currencies: ['INR'] });
    expect((await currencies())[0]).toMatchObject({ commission: 2495, currency: 'INR' });
    expect((await currencies())[0]!.at.toISOString()).toBe('2026-09-15T00:00:00.000Z');
  });

  test('Impact API names without a sale amount; the paystub listing without a status is paid', async () => {
    const api = await importReport(t.db, fixture('impact-api-no-sale-amount.csv'));
    expect(api).toMatchObject({ ok: true, network: 'impact', imported: 2, attributed: 1, currencies: ['EUR', 'USD'] });
    const paystub = await importReport(t.db, fixture('impact-paystub.csv'));
    expect(paystub).toMatchObject({ ok: true, network: 'impact', imported: 1 });
    expect((await currencies()).map((x) => [x.status, x.commission, x.sale, x.currency])).toEqual([
      ['approved', 88, null, 'USD'], ['pending', 150, null, 'EUR'], ['approved', 1000, 10000, 'USD'],
    ]);
  });

  test("CJ's GraphQL names: shopperId, pubCommissionAmountUsd, lower- or upper-case status, a correction row", async () => {
    const r = await importReport(t.db, fixture('cj-graphql.csv'));
    expect(r).toMatchObject({ ok: true, network: 'cj', imported: 2, attributed: 2 });
    expect((await stored()).map((x) => [x.click, x.commission, x.status])).toEqual([['clickCj1', 1032, 'approved'], ['clickCj1', -415, 'reversed']]);
  });

  test('Awin transactions: numeric (0/1/2) and word statuses, a currency per row', async () => {
    const r = await importReport(t.db, fixture('awin-transactions.csv'));
    expect(r).toMatchObject({ ok: true, network: 'awin', imported: 4, attributed: 1, currencies: ['EUR', 'GBP'] });
    expect((await currencies()).map((x) => [x.status, x.commission, x.currency])).toEqual([
      ['pending', 559, 'GBP'], ['approved', 200, 'GBP'], ['reversed', 300, 'EUR'], ['reversed', 100, 'GBP'],
    ]);
  });
});

describe('date order and decimals, decided per file', () => {
  test('a semicolon report whose dates cannot tell day from month is refused, nothing stored', async () => {
    const r = await importReport(t.db, fixture('generic-semicolon-ambiguous.csv'));
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('--date-order');
    expect(await stored()).toHaveLength(0);
    const forced = await importReport(t.db, fixture('generic-semicolon-ambiguous.csv'), { dateOrder: 'dmy' });
    expect(forced).toMatchObject({ ok: true, imported: 1 });
    expect((await currencies())[0]).toMatchObject({ sale: 123400, commission: 1230 });
    expect((await currencies())[0]!.at.toISOString()).toBe('2025-09-03T00:00:00.000Z');
  });

  test('a day above 12 makes the file day first; a decimal comma makes 1.234 one thousand', async () => {
    const r = await importReport(t.db, fixture('generic-semicolon-dayfirst.csv'));
    expect(r).toMatchObject({ ok: true, imported: 2, skipped: [] });
    const rows = await currencies();
    expect(rows.map((x) => [x.at.toISOString().slice(0, 10), x.sale, x.commission])).toEqual([['2025-09-03', 123400, 12340], ['2025-09-25', 1250, 125]]);
  });

  test('1.234 with nothing else to go by in a semicolon file is refused; --decimal decides', async () => {
    const text = 'subid;transaction_id;date;sale_amount;commission;status\nx;D-1;2025-09-03;1.234;1.234;approved\n';
    const r = await importReport(t.db, text);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('--decimal');
    expect(await importReport(t.db, text, { decimal: '.' })).toMatchObject({ ok: true, imported: 1 });
    expect((await currencies())[0]).toMatchObject({ sale: 123 });
  });
});

describe('files that are partly broken', () => {
  test('a stray quote skips its row by its first line; the rows after it import', async () => {
    const text = 'subid,transaction_id,date,sale_amount,commission,status\nclickGen1,Q-1,2026-03-01,10,1,"approved\nclickGen1,Q-2,2026-03-02,10,1,approved\n';
    const r = await importReport(t.db, text);
    expect(r).toMatchObject({ ok: true, imported: 1 });
    if (r.ok) expect(r.skipped).toEqual([{ line: 2, reason: 'a quote opened on line 2 is never closed' }]);
  });

  test('a Windows-1252 report is decoded; an empty or header-only report says so', async () => {
    const bytes = new Uint8Array(Buffer.from('subid,transaction_id,date,sale_amount,commission,status,currency\nclickGen1,W-1,2026-03-01,"10,00","1,00",approved,EUR\n', 'latin1'));
    expect(await importReport(t.db, bytes)).toMatchObject({ ok: true, imported: 1 });
    expect(await importReport(t.db, '')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(await importReport(t.db, 'subid,transaction_id,date,sale_amount,commission,status\n')).toEqual({ ok: false, error: 'The report has a header but no rows.' });
  });
});

test('getAmazonLinks: a tracking id and ASIN two links share names neither', async () => {
  const { getAmazonLinks } = await import('../../src/earnings/merchants.ts');
  const links = getAmazonLinks([
    { links: [{ slug: 'shoe-amazon', url: 'https://www.amazon.com/dp/B0CBCP130S?tag=kitchenline-20' }, { slug: 'bag-uk', url: 'https://www.amazon.co.uk/gp/product/B0UKBAG001/?tag=kitchenline-21' }] },
    { links: [{ slug: 'shoe-again', url: 'https://amazon.com/dp/B0CBCP130S?tag=kitchenline-20&th=1' }, { slug: 'not-amazon', url: 'https://example.com/dp/B0CBCP130S?tag=x' }] },
  ]);
  expect([...links]).toEqual([['kitchenline-21|B0UKBAG001', 'bag-uk']]);
});
