import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { createDb, migrateDb } from '../../db/client.ts';

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

describe('createDb', () => {
  test("a transaction on an embedded file waits for another connection's write lock instead of failing at once", async () => {
    t = await createTestDb();
    // Another writer (the click writer's thread, a CLI import) holds the file's write lock for a moment, on a thread of its own.
    const holder = new Worker(HOLD_LOCK, { eval: true, workerData: { driver: require.resolve('libsql'), path: t.url.replace(/^file:/, '') } });
    const released = new Promise((resolve) => holder.on('message', (m) => m === 'released' && resolve(m)));
    await new Promise((resolve) => holder.on('message', (m) => m === 'locked' && resolve(m)));
    // A client as a CLI command or a test opens it: no tuning ran on its connections.
    const client = createDb(t.url);
    try {
      await client.transaction(async (tx) => {
        await tx.run(sql`insert into settings (key, value) values ('busy-test', 'stored')`);
      });
    } finally {
      client.$client.close();
      await released;
      await holder.terminate();
    }
    const rows = await t.db.$client.execute("select value from settings where key = 'busy-test'");
    expect(rows.rows[0]?.value).toBe('stored');
  });
});

const require = createRequire(import.meta.url);
const HOLD_LOCK = `
const { parentPort, workerData } = require('node:worker_threads');
const db = new (require(workerData.driver))(workerData.path);
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, 300);
`;
