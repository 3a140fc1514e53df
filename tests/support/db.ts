import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDb, type Db } from '../../db/client.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup: () => void;
}

/** A real, migrated libSQL database in a temp file. */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-db-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = createDb(url);
  await migrateDb(db);
  return {
    db,
    url,
    dir,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
