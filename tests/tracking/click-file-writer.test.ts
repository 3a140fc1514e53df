import { afterEach, describe, expect, test } from 'vitest';
import { clickValues, type ClickRow } from '../../src/tracking/clicks.ts';
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
  isUnique: n % 2 === 0,
});

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

describe('openFileClickWriter', () => {
  test('stores every click of a batch of any size, column for column', async () => {
    t = await createTestDb();
    const write = openFileClickWriter(t.url);
    // 1,234 = 2×500 + 2×100 + 3×10 + 4×1: every prepared INSERT size is used.
    const rows = Array.from({ length: 1234 }, (_, i) => row(i));
    write(clickValues(rows), [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 4 }]);
    write([], [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'bot', count: 1 }]);
    const stored = await t.db.$client.execute(
      'select id, created_at, link_slug, source, placement, referrer_host, device, country, visitor_hash, is_unique from clicks order by id',
    );
    expect(stored.rows.map((r) => Object.values(r))).toEqual(rows.map((r) => clickValues([r])));
    expect((await t.db.$client.execute('select typeof(created_at) as t from clicks limit 1')).rows[0]!.t).toBe('integer');
    expect((await t.db.$client.execute('select count from filtered_hits')).rows[0]!.count).toBe(5);
  });

  test('a batch the database refuses is not written at all', async () => {
    t = await createTestDb();
    const write = openFileClickWriter(t.url);
    write(clickValues([row(1)]), []);
    // 600 new clicks, then one whose id is already stored: the batch fails whole.
    const batch = [...Array.from({ length: 600 }, (_, i) => row(i + 2)), row(1)];
    expect(() => write(clickValues(batch), [{ day: '2026-11-20', target: 'paddle-amazon', reason: 'head', count: 1 }])).toThrow(/UNIQUE|constraint/i);
    expect((await t.db.$client.execute('select count(*) as n from clicks')).rows[0]!.n).toBe(1);
    expect((await t.db.$client.execute('select count(*) as n from filtered_hits')).rows[0]!.n).toBe(0);
  });
});
