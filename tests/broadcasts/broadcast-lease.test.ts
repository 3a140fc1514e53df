import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { broadcasts } from '../../db/schema/broadcasts.ts';
import { acquireSendLease, LEASE_MS } from '../../src/broadcasts/broadcast-lease.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let id: number;
beforeEach(async () => {
  t = await createTestDb();
  const [row] = await t.db
    .insert(broadcasts)
    .values({ name: 'n', subject: 's', from: 'f', html: 'h', text: 't', status: 'sending', recipientCount: 1, batchSize: 100, createdAt: new Date() })
    .returning();
  id = row!.id;
});
afterEach(() => t.cleanup());

describe('acquireSendLease', () => {
  test('one sender at a time; the lease is free again once released', async () => {
    const first = await acquireSendLease(t.db, id);
    expect(first.ok).toBe(true);
    const second = await acquireSendLease(t.db, id);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(/Another send of this newsletter is running/);
    if (first.ok) await first.release();
    expect((await acquireSendLease(t.db, id)).ok).toBe(true);
  });

  test('a lapsed lease (its sender stopped renewing) can be taken; a renewed one cannot', async () => {
    let clock = Date.now();
    const first = await acquireSendLease(t.db, id, () => clock);
    clock += LEASE_MS / 2;
    if (first.ok) await first.renew();
    clock += LEASE_MS / 2 + 1;
    expect((await acquireSendLease(t.db, id, () => clock)).ok).toBe(false);
    clock += LEASE_MS;
    expect((await acquireSendLease(t.db, id, () => clock)).ok).toBe(true);
  });

  test('a lease held by a process on this machine that has died is taken over at once', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await t.db.update(broadcasts).set({ leaseOwner: `${hostname()}:${dead}:abcd`, leaseUntil: new Date(Date.now() + LEASE_MS) });
    expect((await acquireSendLease(t.db, id)).ok).toBe(true);
  });
});
