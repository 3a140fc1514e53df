import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { migrateDb } from '../../db/client.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

describe('migrateDb', () => {
  test('creates the tables and turns on WAL for an embedded file', async () => {
    t = await createTestDb();
    const tables = await t.db.$client.execute("select name from sqlite_master where type = 'table'");
    expect(tables.rows.map((r) => r.name)).toContain('settings');
    const mode = await t.db.$client.execute('PRAGMA journal_mode');
    expect(mode.rows[0]![0]).toBe('wal');
    // NORMAL (1): no fsync per commit, which would stall the server's thread.
    const sync = await t.db.$client.execute('PRAGMA synchronous');
    expect(sync.rows[0]![0]).toBe(1);
  });

  test('is safe to run twice', async () => {
    t = await createTestDb();
    await expect(migrateDb(t.db)).resolves.toBeUndefined();
  });
});
