import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, migrateDb, type Db } from '../../db/client.ts';
import { postForm, readOutbox, signupFields, withFormToken } from '../support/email.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { PATIENCE_MS } from '../support/wait.ts';

describe('npm start (src/server/main.ts)', () => {
  test('migrates, serves the built site on PORT/HOST and exits cleanly on SIGTERM', async () => {
    const server = await startServer();
    try {
      const home = await fetch(server.url + '/');
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<html');
      expect(server.output()).toContain(`127.0.0.1:${server.port}`);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});

/** Two servers on one database file: the same code paths as two instances on one remote libSQL server. */
function twoInstances() {
  const state = { dir: '', servers: [] as RunningServer[], db: undefined as unknown as Db };
  beforeAll(async () => {
    state.dir = mkdtempSync(join(tmpdir(), 'perch-two-'));
    const DATABASE_URL = `file:${join(state.dir, 'perch.db')}`;
    state.db = createDb(DATABASE_URL);
    await migrateDb(state.db);
    // One after the other: two cold starts at once on a busy 2-core machine can take longer than startServer waits.
    state.servers.push(await startServer({ DATABASE_URL }));
    state.servers.push(await startServer({ DATABASE_URL }));
  });
  afterAll(async () => {
    await Promise.all(state.servers.map((s) => s.stop()));
    state.db?.$client.close();
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
const rows = async (db: Db, sql: string) => (await db.$client.execute(sql)).rows;

describe('two instances on one database', () => {
  const two = twoInstances();

  test('count one unique click per visitor and link per hour between them', async () => {
    const [a, b] = two.servers as [RunningServer, RunningServer];
    // 200 visitors (one phone each), each tapping the same link once on each instance.
    const tap = (server: RunningServer, v: number) =>
      fetch(`${server.url}/go/vantage-pro-16-amazon?src=%2F&pos=two`, {
        redirect: 'manual',
        headers: { 'user-agent': `Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E${v} Safari/604.1` },
      }).then((r) => r.status);
    for (let v = 0; v < 200; v += 20) {
      const batch = Array.from({ length: 20 }, (_, i) => [tap(a, v + i), tap(b, v + i)]).flat();
      expect(new Set(await Promise.all(batch))).toEqual(new Set([302]));
    }
    await expect.poll(async () => Number((await rows(two.db, "select count(*) as n from clicks where placement = 'two'"))[0]!.n), { timeout: PATIENCE_MS }).toBe(400);
    const [counted] = await rows(two.db, "select count(*) as n, sum(is_unique) as u, count(distinct visitor_hash) as v from clicks where placement = 'two'");
    expect({ clicks: Number(counted!.n), unique: Number(counted!.u), visitors: Number(counted!.v) }).toEqual({ clicks: 400, unique: 200, visitors: 200 });
  });

  test('one address signing up on both at the same moment gets one confirmation email', async () => {
    const [a, b] = two.servers as [RunningServer, RunningServer];
    // 5 races of 2: within the 10 signups per client the limit allows.
    for (let i = 0; i < 5; i++) {
      const fields = await withFormToken(two.db, signupFields(`race${i}@example.com`));
      const answers = await Promise.all([a, b].map((s) => postForm(`${s.url}/api/subscribe`, fields, { accept: 'application/json' })));
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
    }
    const queued = await rows(two.db, "select to_address as email, count(*) as n from email_queue where kind = 'confirmation' group by to_address order by to_address");
    expect(queued.map((r) => [r.email, Number(r.n)])).toEqual(Array.from({ length: 5 }, (_, i) => [`race${i}@example.com`, 1]));
    // And each was sent (to the outbox) once, by one of the two.
    await expect.poll(() => two.servers.flatMap((s) => readOutbox(s.dataDir)).length, { timeout: PATIENCE_MS }).toBe(5);
  });
});

describe('two instances on one database, signup limits', () => {
  const two = twoInstances();

  test('share the per-client limit: 10 signups per 10 minutes in all, not per instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const server = two.servers[i % 2]!;
      statuses.push((await postForm(`${server.url}/api/subscribe`, await withFormToken(two.db, signupFields(`limit${i}@example.com`)), { accept: 'application/json' })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    // No IP or address in readable form in the shared table.
    const dump = JSON.stringify(await rows(two.db, 'select * from rate_limits'));
    expect(dump).not.toMatch(/127\.0\.0\.1|example\.com/);
  });
});
