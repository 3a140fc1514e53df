import { afterEach, describe, expect, test } from 'vitest';
import { clickValues, isPermanentRefusal, writeValuesBatch, type ClickRow, type ValuesBatch } from '../../src/tracking/click-batch.ts';
import { isEmbeddedFile, openFileClickWriter } from '../../src/tracking/click-file-writer.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

const at = Date.parse('2026-11-20T10:00:00Z');
const row = (n: number): ClickRow => ({
  id: `c${String(n).padStart(5, '0')}`,
  createdAt: new Date(at + n),
  linkSlug: n % 2 ? 'paddle-amazon' : 'shoes-rakuten',
  source: n % 3 ? '/posts/x/' : null,
  placement: n % 3 ? `product-card:${n % 4}` : null,
  referrerHost: n % 5 ? null : 'instagram.com',
  device: n % 2 ? 'mobile' : 'desktop',
  country: n % 7 ? 'DE' : null,
  visitorHash: `v-${n % 13}`,
  // The recorder's window sends at most one candidate per visitor and link and hour: the first 26 here.
  isUnique: n < 26,
});
const bot = (count: number) => [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot' as const, count }];
const batchOf = (id: string, rows: ClickRow[], filtered = bot(0).slice(1)): ValuesBatch => ({ id, values: clickValues(rows), filtered });

// The same SQL through both writers: the embedded file's own API and @libsql/client (remote servers).
const writers = {
  file: (t: TestDb) => {
    const write = openFileClickWriter(t.url);
    return async (batch: ValuesBatch) => write(batch);
  },
  client: (t: TestDb) => (batch: ValuesBatch) => writeValuesBatch(t.db, batch),
};
const count = async (sql: string) => Number((await t!.db.$client.execute(sql)).rows[0]!.n);

describe('isEmbeddedFile', () => {
  test.each([
    ['file:.data/perch.db', true],
    ['file:/var/lib/perch/perch.db', true],
    ['file:///var/lib/perch/perch.db', true],
    ['file::memory:', false],
    ['libsql://perch-me.turso.io', false],
    ['http://127.0.0.1:8080', false],
  ])('%s → %s', (url, expected) => {
    expect(isEmbeddedFile(url)).toBe(expected);
  });
});

describe.each(Object.entries(writers))('click batches through the %s writer', (_, open) => {
  test('stores every click of a batch of any size, column for column, one unique per visitor and link', async () => {
    t = await createTestDb();
    const write = open(t);
    // 1,234 = 2×500 + 2×100 + 3×10 + 4×1: every prepared INSERT size is used.
    const rows = Array.from({ length: 1234 }, (_, i) => row(i));
    await write(batchOf('b1', rows, bot(4)));
    await write(batchOf('b2', [], bot(1)));
    const stored = await t.db.$client.execute(
      'select id, created_at, link_slug, source, placement, referrer_host, device, country, visitor_hash, is_unique from clicks order by id',
    );
    expect(stored.rows.map((r) => Object.values(r))).toEqual(rows.map((r) => clickValues([r])));
    expect(await count('select count(*) as n from clicks where is_unique = 1')).toBe(26);
    expect((await t.db.$client.execute('select typeof(created_at) as t from clicks limit 1')).rows[0]!.t).toBe('integer');
    expect(await count('select count as n from filtered_hits')).toBe(5);
  });

  test('a batch written twice (its commit was not acknowledged) stores nothing twice', async () => {
    t = await createTestDb();
    const write = open(t);
    const batch = batchOf('b1', [row(0), row(1), row(3)], bot(7));
    await write(batch);
    await write(batch);
    expect(await count('select count(*) as n from clicks')).toBe(3);
    expect(await count('select count(*) as n from clicks where is_unique = 1')).toBe(3);
    expect(await count('select count as n from filtered_hits')).toBe(7);
  });

  test('two batches from two instances agree on one unique click per visitor and link per hour', async () => {
    t = await createTestDb();
    const [first, second] = [open(t), open(t)];
    const visitor = (id: string, minutes: number): ClickRow => ({ ...row(0), id, createdAt: new Date(at + minutes * 60_000), isUnique: true });
    await first(batchOf('a', [visitor('a1', 0)]));
    await second(batchOf('b', [visitor('b1', 5), visitor('b2', 61)]));
    const rows = await t.db.$client.execute('select id, is_unique from clicks order by id');
    expect(rows.rows.map((r) => [r.id, r.is_unique])).toEqual([['a1', 1], ['b1', 0], ['b2', 1]]);
  });

  test('a batch the database refuses is not written at all, and the refusal is permanent', async () => {
    t = await createTestDb();
    const write = open(t);
    await write(batchOf('b1', [row(1)]));
    // 600 good clicks, then one without a visitor hash: the batch fails whole.
    const batch = [...Array.from({ length: 600 }, (_, i) => row(i + 2)), { ...row(700), visitorHash: null as unknown as string }];
    const error = await write(batchOf('b2', batch, bot(1))).then(() => null, (e: { code?: string }) => e);
    expect(isPermanentRefusal(error?.code)).toBe(true);
    expect(await count('select count(*) as n from clicks')).toBe(1);
    expect(await count('select count(*) as n from filtered_hits')).toBe(0);
  });
});
