import { afterEach, describe, expect, test } from 'vitest';
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
