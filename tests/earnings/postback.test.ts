import { afterEach, beforeEach, expect, test } from 'vitest';
import { conversions } from '../../db/schema/earnings.ts';
import { handlePostback } from '../../src/earnings/postback.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// The Astro route (src/pages/api/postback.ts, used by `astro dev`) hands a web Request here.
let t: TestDb;
beforeEach(async () => (t = await createTestDb()));
afterEach(() => t.cleanup());

test('reads a JSON body, keeps a given date, and answers 405 to other methods', async () => {
  const req = new Request('http://x/api/postback', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret: 's', transaction_id: 'T1', commission: '1.234,50', date: '2026-03-14', status: 'Declined' }),
  });
  const res = await handlePostback(t.db, 's', req);
  expect(res.status).toBe(200);
  const [row] = await t.db.select().from(conversions);
  expect([row.network, row.commissionCents, row.status, row.occurredAt.toISOString()]).toEqual(['postback', 123450, 'reversed', '2026-03-14T00:00:00.000Z']);
  expect((await handlePostback(t.db, 's', new Request('http://x/api/postback?secret=s', { method: 'PUT' }))).status).toBe(405);
  expect((await handlePostback(t.db, 's', new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }))).status).toBe(400);
});

