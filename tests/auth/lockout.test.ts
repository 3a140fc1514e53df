import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { clearFailures, getLockRemaining, LOCK_AFTER, recordFailure } from '../../src/auth/lockout.ts';
import { attemptLogin } from '../../src/auth/login.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());
const at = (s: number) => new Date(Date.parse('2026-11-21T10:00:00Z') + s * 1000);

describe('lockout', () => {
  test('locks an IP after 5 failures for 30 s, then twice as long after each further failure', async () => {
    t = await createTestDb();
    for (let i = 0; i < LOCK_AFTER.ip - 1; i++) await recordFailure(t.db, 'ip:a', at(i));
    expect(await getLockRemaining(t.db, 'ip:a', at(4))).toBe(0);
    await recordFailure(t.db, 'ip:a', at(4));
    expect(await getLockRemaining(t.db, 'ip:a', at(4))).toBe(30_000);
    await recordFailure(t.db, 'ip:a', at(40));
    expect(await getLockRemaining(t.db, 'ip:a', at(40))).toBe(60_000);
    // Another IP is not locked by these; a success forgets the IP's failures.
    expect(await getLockRemaining(t.db, 'ip:b', at(40))).toBe(0);
    await clearFailures(t.db, 'ip:a');
    expect(await getLockRemaining(t.db, 'ip:a', at(41))).toBe(0);
  });

  test('many IPs together trip the global lock', async () => {
    t = await createTestDb();
    for (let i = 0; i < LOCK_AFTER.global; i++) await recordFailure(t.db, `ip:${i}`, at(i));
    expect(await getLockRemaining(t.db, 'ip:fresh', at(LOCK_AFTER.global))).toBeGreaterThan(0);
  });

  test('attemptLogin refuses even the right password while locked, and never stores the IP', async () => {
    t = await createTestDb();
    for (let i = 0; i < 5; i++) expect(await attemptLogin(t.db, 'guess', 'right', '203.0.113.5', at(i))).toEqual({ ok: false, reason: 'wrong' });
    expect(await attemptLogin(t.db, 'right', 'right', '203.0.113.5', at(6))).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 28 });
    expect(await attemptLogin(t.db, 'right', 'right', '203.0.113.5', at(40))).toEqual({ ok: true });
    const rows = await t.db.$client.execute('select * from stats_login_failures');
    expect(JSON.stringify(rows.rows)).not.toContain('203.0.113.5');
  });
});
