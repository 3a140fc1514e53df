import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { clearFailures, getLockRemaining, getLoginWait, LOCK_AFTER, MAX_GLOBAL_DELAY_MS, recordFailure } from '../../src/auth/lockout.ts';
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

  test('many IPs together slow every attempt (up to 2 s) but lock no other address', async () => {
    t = await createTestDb();
    for (let i = 0; i < LOCK_AFTER.global - 1; i++) await recordFailure(t.db, `ip:${i}`, at(i));
    expect(await getLoginWait(t.db, 'ip:fresh', at(60))).toEqual({ lockedMs: 0, delayMs: 0 });
    await recordFailure(t.db, 'ip:49', at(60));
    expect(await getLoginWait(t.db, 'ip:fresh', at(60))).toEqual({ lockedMs: 0, delayMs: 100 });
    // Hours of flooding: still only slowed, never refused.
    for (let i = 0; i < 500; i++) await recordFailure(t.db, `ip:flood-${i}`, at(60 + i * 30));
    expect(await getLoginWait(t.db, 'ip:fresh', at(60 + 500 * 30))).toEqual({ lockedMs: 0, delayMs: MAX_GLOBAL_DELAY_MS });
    // A quiet hour after the flood, nothing is slowed any more.
    expect(await getLoginWait(t.db, 'ip:fresh', at(60 + 500 * 30 + 3601))).toEqual({ lockedMs: 0, delayMs: 0 });
  });

  test('during a flood from many addresses the right password still gets in, after the delay', async () => {
    t = await createTestDb();
    for (let i = 0; i < LOCK_AFTER.global + 30; i++) await attemptLogin(t.db, 'guess', 'right', `198.51.100.${i}`, at(i), async () => {});
    const waited: number[] = [];
    const wait = async (ms: number) => void waited.push(ms);
    expect(await attemptLogin(t.db, 'right', 'right', '203.0.113.9', at(100), wait)).toEqual({ ok: true });
    expect(waited).toEqual([MAX_GLOBAL_DELAY_MS]);
  });

  test('attemptLogin refuses even the right password while locked, and never stores the IP', async () => {
    t = await createTestDb();
    for (let i = 0; i < 5; i++) expect(await attemptLogin(t.db, 'guess', 'right', '203.0.113.5', at(i), async () => {})).toEqual({ ok: false, reason: 'wrong' });
    expect(await attemptLogin(t.db, 'right', 'right', '203.0.113.5', at(6))).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 28 });
    expect(await attemptLogin(t.db, 'right', 'right', '203.0.113.5', at(40))).toEqual({ ok: true });
    const rows = await t.db.$client.execute('select * from stats_login_failures');
    expect(JSON.stringify(rows.rows)).not.toContain('203.0.113.5');
  });
});
