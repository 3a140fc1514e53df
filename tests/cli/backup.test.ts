// Backups taken while /go/ is under load, restored into a new server; the WAL emptied at a
// stop; a deleted subscriber gone from every file under the data folder.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { call } from '../support/caddy.ts';
import { signupFields, withFormToken } from '../support/email.ts';
import { waitFor } from '../support/wait.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { PEOPLE } from '../support/user-agents.ts';

const run = promisify(execFile);
const UA = PEOPLE[0]!.ua;
const dirs: string[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perch-backup-'));
  dirs.push(dir);
  return dir;
}

// A busy two-core machine: each command starts a Node of its own.
const SLOW = 180_000;
const cli = (script: string, args: string[], env: Record<string, string>) =>
  run(script.endsWith('backup.ts') ? 'node_modules/.bin/node' : 'node_modules/.bin/tsx', [script, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

async function clickIds(url: string): Promise<Set<string>> {
  const db = createDb(url);
  try {
    return new Set((await db.$client.execute('select id from clicks')).rows.map((r) => String(r.id)));
  } finally {
    db.$client.close();
  }
}

describe('npm run backup', () => {
  test('a backup taken under /go/ load holds every click stored before it started, and restores into a working server', async () => {
    const dir = tempDir();
    const databaseUrl = `file:${join(dir, 'perch.db')}`;
    const server = await startServer({ DATABASE_URL: databaseUrl });
    servers.push(server);
    let loading = true;
    const load = (async () => {
      while (loading) {
        await Promise.all(Array.from({ length: 10 }, () => call(server, '/go/vantage-pro-16-amazon?src=%2Fbackup%2F', { headers: { 'user-agent': UA } })));
      }
    })();
    try {
      await waitFor(async () => (await clickIds(databaseUrl)).size >= 200, '200 stored clicks');
      const before = await clickIds(databaseUrl);
      const file = join(dir, 'backup.db');
      const backup = await cli('src/cli/backup.ts', [file], { DATABASE_URL: databaseUrl });
      expect(backup.stdout).toMatch(/Backed up to .*backup\.db \(\d+ KB: \d+ clicks/);
      loading = false;
      await load;
      const saved = await clickIds(`file:${file}`);
      expect([...before].filter((id) => !saved.has(id))).toEqual([]);
      expect(existsSync(`${file}-wal`)).toBe(false);
      const check = createDb(`file:${file}`);
      expect((await check.$client.execute('pragma integrity_check')).rows[0]![0]).toBe('ok');
      check.$client.close();

      // Restore, as the README says: the file becomes a server's database.
      const restoredDir = tempDir();
      copyFileSync(file, join(restoredDir, 'perch.db'));
      const restored = await startServer({ DATABASE_URL: `file:${join(restoredDir, 'perch.db')}` });
      servers.push(restored);
      expect((await call(restored, '/healthz')).status).toBe(200);
      expect((await clickIds(`file:${join(restoredDir, 'perch.db')}`)).size).toBe(saved.size);
    } finally {
      loading = false;
      await load;
    }
  }, SLOW);

  test('refuses to overwrite, and says what to do without a database', async () => {
    const dir = tempDir();
    const existing = join(dir, 'taken.db');
    copyFileSync(new URL('../../package.json', import.meta.url), existing);
    const overwrite = await cli('src/cli/backup.ts', [existing], { DATABASE_URL: `file:${join(dir, 'perch.db')}` });
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('already exists');
    const none = await cli('src/cli/backup.ts', [join(dir, 'new.db')], { DATABASE_URL: `file:${join(dir, 'missing.db')}` });
    expect(none.stderr).toContain('There is no database');
  }, SLOW);
});

describe('stopping and deleting', () => {
  test('after a stop the .db file alone is complete: the log is checkpointed and empty', async () => {
    const dir = tempDir();
    const databaseUrl = `file:${join(dir, 'perch.db')}`;
    const server = await startServer({ DATABASE_URL: databaseUrl });
    for (let i = 0; i < 20; i++) expect((await call(server, '/go/vantage-pro-16-amazon?src=%2Fstop%2F', { headers: { 'user-agent': UA } })).status).toBe(302);
    expect(await server.stop()).toBe(0);
    const wal = join(dir, 'perch.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const alone = join(tempDir(), 'copy.db');
    copyFileSync(join(dir, 'perch.db'), alone);
    expect((await clickIds(`file:${alone}`)).size).toBe(20);
  }, SLOW);

  test('a deleted subscriber is absent from every file under the data folder, the outbox included', async () => {
    const server = await startServer({});
    servers.push(server);
    const email = 'erase-me@example.com';
    // The form's fill-time token, signed with the server's key (the connection is closed
    // again so it cannot hold the database log open).
    const keyDb = createDb(server.databaseUrl);
    const fields = await withFormToken(keyDb, signupFields(email));
    keyDb.$client.close();
    const answer = await call(server, '/api/subscribe', {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(answer.status).toBe(200);
    const files = () => readdirSync(server.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    const holding = () => files().filter((f) => readFileSync(f).includes(email));
    await waitFor(() => holding().some((f) => f.endsWith('.eml')));
    expect(holding().length).toBeGreaterThan(1);
    const deleted = await cli('src/cli/subscribers.ts', ['delete', email], { DATABASE_URL: server.databaseUrl, PERCH_DATA_DIR: server.dataDir });
    expect(deleted.stdout).toContain(`Deleted ${email} and every email to them (1 from the outbox).`);
    expect(holding()).toEqual([]);
  }, SLOW);
});
