import { afterEach, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { dayOf } from '../../src/platform/time.ts';
import { getDailySalt, hashVisitor } from '../../src/tracking/visitors.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

describe('getDailySalt', () => {
  test('is stable within a day and replaced (not kept) the next day', async () => {
    t = await createTestDb();
    const monday = await getDailySalt(t.db, '2026-11-16');
    expect(await getDailySalt(t.db, '2026-11-16')).toBe(monday);
    const tuesday = await getDailySalt(t.db, '2026-11-17');
    expect(tuesday).not.toBe(monday);
    const rows = await t.db.$client.execute('select value from settings');
    expect(rows.rows.map((r) => String(r.value)).join()).not.toContain(monday);
  });

  test('is the same for several instances rotating at the same moment', async () => {
    t = await createTestDb();
    // Eight connections (instances) on one database, all starting the new day at once.
    const instances = Array.from({ length: 8 }, () => createDb(t!.url));
    try {
      const salts = await Promise.all(instances.map((db) => getDailySalt(db, '2026-11-18')));
      expect(new Set(salts).size).toBe(1);
    } finally {
      for (const db of instances) db.$client.close();
    }
  });
});

describe('hashVisitor', () => {
  test('changes across the daily salt rotation and never contains the IP', () => {
    const a = hashVisitor('salt-a', '203.0.113.9', 'Mozilla/5.0');
    expect(a).toBe(hashVisitor('salt-a', '203.0.113.9', 'Mozilla/5.0'));
    expect(hashVisitor('salt-b', '203.0.113.9', 'Mozilla/5.0')).not.toBe(a);
    expect(a).not.toContain('203');
  });
});

test('dayOf gives the UTC day', () => {
  expect(dayOf(new Date('2026-11-16T23:59:59Z'))).toBe('2026-11-16');
});
