import { afterEach, describe, expect, test } from 'vitest';
import { createClickWriter } from '../../src/tracking/click-writer.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

const row = (id: string) => ({
  id,
  createdAt: new Date('2026-11-20T10:00:00Z'),
  linkSlug: 'paddle-amazon',
  source: '/posts/x/',
  placement: 'product-card:1',
  referrerHost: null,
  device: 'mobile' as const,
  country: 'DE',
  visitorHash: `v-${id}`,
  isUnique: true,
});

describe('createClickWriter', () => {
  test('writes batches on its own thread into the same database', async () => {
    t = await createTestDb();
    const writer = createClickWriter(t.url);
    await writer.write({ id: 'w1', rows: [row('a1'), row('a2')], filtered: [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 3 }] });
    await writer.write({ id: 'w2', rows: [row('a3')], filtered: [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 2 }] });
    const clicks = await t.db.$client.execute('select id, created_at, is_unique from clicks order by id');
    expect(clicks.rows.map((r) => [r.id, r.created_at, r.is_unique])).toEqual([
      ['a1', Date.parse('2026-11-20T10:00:00Z'), 1],
      ['a2', Date.parse('2026-11-20T10:00:00Z'), 1],
      ['a3', Date.parse('2026-11-20T10:00:00Z'), 1],
    ]);
    const filtered = await t.db.$client.execute('select count from filtered_hits');
    expect(filtered.rows[0]!.count).toBe(5);
    await writer.close();
  });

  test('a refused write is reported with its code, not swallowed, and a closed writer fails fast', async () => {
    t = await createTestDb();
    const writer = createClickWriter(t.url);
    await writer.ready();
    await writer.write({ id: 'w1', rows: [row('b1')], filtered: [] });
    // A click without a visitor hash breaks a NOT NULL column: the whole batch is refused.
    const refused = writer.write({ id: 'w2', rows: [row('b2'), { ...row('b3'), visitorHash: null as unknown as string }], filtered: [] });
    await expect(refused).rejects.toThrow(/NOT NULL/i);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect((await t.db.$client.execute('select count(*) as n from clicks')).rows[0]!.n).toBe(1);
    await writer.close();
    await expect(writer.write({ id: 'w3', rows: [row('b4')], filtered: [] })).rejects.toThrow(/stopped/);
  });

  test('a write given up (aborted) ends its worker; the next write gets a fresh one', async () => {
    t = await createTestDb();
    const writer = createClickWriter(t.url);
    // Hold the database's write lock from another connection: the worker waits on it inside the driver.
    await t.db.$client.execute('PRAGMA busy_timeout = 0');
    const lock = await t.db.$client.transaction('write');
    await lock.execute("insert into settings (key, value) values ('lock', 'x')");
    const controller = new AbortController();
    const stuck = writer.write({ id: 'w1', rows: [row('c1')], filtered: [] }, controller.signal);
    setTimeout(() => controller.abort(new Error('given up')), 300);
    await expect(stuck).rejects.toThrow(/given up/);
    await lock.rollback();
    await writer.write({ id: 'w1', rows: [row('c1')], filtered: [] });
    expect((await t.db.$client.execute('select count(*) as n from clicks')).rows[0]!.n).toBe(1);
    await writer.close();
  });
});
