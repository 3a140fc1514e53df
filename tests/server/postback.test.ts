import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { conversions } from '../../db/schema/earnings.ts';
import { seedClicks } from '../support/clicks.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const SECRET = 'pb-secret-8f3a';

describe('/api/postback on the built server', () => {
  let server: RunningServer;
  let db: Db;
  beforeAll(async () => {
    server = await startServer({ POSTBACK_SECRET: SECRET });
    db = createDb(server.databaseUrl);
    await seedClicks(db, [{ id: 'clickPb1', linkSlug: 'vantage-pro-16-direct', source: '/posts/best-paddles-2026/', placement: 'buy-button:1', at: '2026-03-01T00:00:00Z' }]);
  });
  afterAll(async () => {
    db?.$client.close();
    await server?.stop();
  });

  const get = (query: string) => fetch(`${server.url}/api/postback?${query}`);
  const rows = () => db.select().from(conversions).orderBy(conversions.id);

  test('GET with the right secret records the conversion, joined to the click', async () => {
    const res = await get(`secret=${SECRET}&network=impact&click_id=clickPb1&transaction_id=A-1&amount=14.90&sale_amount=149.00`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, result: 'recorded', attributed: true, transactionId: 'A-1' });
    expect((await rows()).map((r) => [r.network, r.clickId, r.commissionCents, r.saleAmountCents, r.status])).toEqual([
      ['impact', 'clickPb1', 1490, 14900, 'pending'],
    ]);
  });

  test('a repeated transaction id is idempotent; a new status updates the same row', async () => {
    const again = await get(`secret=${SECRET}&network=impact&click_id=clickPb1&transaction_id=A-1&amount=14.90&sale_amount=149.00`);
    expect(await again.json()).toMatchObject({ result: 'unchanged' });
    const approved = await get(`secret=${SECRET}&network=impact&click_id=clickPb1&transaction_id=A-1&amount=14.90&sale_amount=149.00&status=approved`);
    expect(await approved.json()).toMatchObject({ result: 'updated' });
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0].status).toBe('approved');
  });

  test('a form POST without Origin (as a network server sends it) and a JSON POST are accepted', async () => {
    const form = await fetch(`${server.url}/api/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: SECRET, click_id: 'unknownClick', transaction_id: 'F-1', amount: '$2.50' }),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ result: 'recorded', attributed: false });
    const json = await fetch(`${server.url}/api/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-perch-secret': SECRET },
      body: JSON.stringify({ click_id: 'clickPb1', transaction_id: 'J-1', amount: 3 }),
    });
    expect(json.status).toBe(200);
    expect((await rows()).map((r) => [r.transactionId, r.clickId, r.commissionCents])).toEqual([
      ['A-1', 'clickPb1', 1490], ['F-1', null, 250], ['J-1', 'clickPb1', 300],
    ]);
  });

  test('a wrong or missing secret is refused with 403 and stores nothing', async () => {
    const wrong = await get('secret=guess&transaction_id=W-1&amount=1.00');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ ok: false, error: 'Wrong or missing secret' });
    expect((await get('transaction_id=W-2&amount=1.00')).status).toBe(403);
    expect((await rows()).map((r) => r.transactionId)).not.toContain('W-1');
  });

  test('bad input gets 400 naming each problem', async () => {
    const res = await get(`secret=${SECRET}&amount=abc&click_id=not%20an%20id`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toContain('transaction_id is missing');
    expect(body.error).toContain('amount "abc" is not an amount');
    expect(body.error).toContain('click_id must be letters and digits');
  });
});

test('/api/postback is off (404) without POSTBACK_SECRET', async () => {
  const server = await startServer({ POSTBACK_SECRET: '' });
  try {
    const res = await fetch(`${server.url}/api/postback?secret=&transaction_id=A&amount=1`);
    expect(res.status).toBe(404);
  } finally {
    await server.stop();
  }
});
