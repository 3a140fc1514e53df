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
    await writer.write([row('a1'), row('a2')], [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 3 }]);
    await writer.write([row('a3')], [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 2 }]);
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

  test('a refused write is reported, not swallowed, and a closed writer fails fast', async () => {
    t = await createTestDb();
    const writer = createClickWriter(t.url);
    await writer.write([row('b1')], []);
    // The same click id again breaks the primary key: the whole batch is refused.
    await expect(writer.write([row('b2'), row('b1')], [])).rejects.toThrow(/UNIQUE|constraint/i);
    expect((await t.db.$client.execute('select count(*) as n from clicks')).rows[0]!.n).toBe(1);
    await writer.close();
    await expect(writer.write([row('b3')], [])).rejects.toThrow(/stopped/);
  });
});
