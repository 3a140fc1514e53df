// The recorder against writers that misbehave at the real seam (the BatchWriter it is given):
// slow, failing after a delay, hanging, committing then throwing, refusing one click for good.
import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { writeClickBatch } from '../../src/tracking/click-batch.ts';
import { createClickRecorder, type BatchWriter, type ClickBatch, type ClickHit } from '../../src/tracking/clicks.ts';
import { clickHit } from '../support/clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { PATIENCE_MS } from '../support/wait.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

let n = 0;
const hit = (over: Partial<ClickHit> = {}): ClickHit => clickHit({ createdAt: new Date(), ip: `203.0.113.${++n % 250}`, ...over });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stored = async () => Number((await t!.db.$client.execute('select count(*) as n from clicks')).rows[0]!.n);
const distinct = async () => Number((await t!.db.$client.execute('select count(distinct id) as n from clicks')).rows[0]!.n);
const filteredCount = async () => Number((await t!.db.$client.execute('select coalesce(sum(count), 0) as n from filtered_hits')).rows[0]!.n);

/** A real writer on the test database with a fault in front; counts attempts and the most writes at once. */
function faulty(fault: (batch: ClickBatch, attempt: number, real: () => Promise<void>) => Promise<void>) {
  const stats = { attempts: 0, inFlight: 0, maxInFlight: 0, sizes: [] as number[] };
  const write: BatchWriter = async (batch) => {
    stats.attempts++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    stats.sizes.push(batch.rows.length);
    try {
      await fault(batch, stats.attempts, () => writeClickBatch(t!.db, batch));
    } finally {
      stats.inFlight--;
    }
  };
  return { write, stats };
}

/** Records `count` clicks over about `ms` milliseconds, like steady traffic. */
async function traffic(recorder: { recordClick(h: ClickHit): void }, count: number, ms: number): Promise<void> {
  const step = Math.max(1, Math.floor(count / (ms / 10)));
  for (let i = 0; i < count; i += step) {
    for (let j = i; j < Math.min(count, i + step); j++) recorder.recordClick(hit());
    await sleep(10);
  }
}

describe('the click recorder when the database misbehaves', () => {
  test('slow writes: one write in flight, no pile-up, everything stored once', async () => {
    t = await createTestDb();
    const { write, stats } = faulty(async (_, __, real) => (await sleep(300), real()));
    const recorder = createClickRecorder(t.db, { write, log: () => {} });
    await traffic(recorder, 3_000, 1_200);
    const unsaved = await recorder.stop();
    expect(stats.maxInFlight).toBe(1);
    // About one attempt per 300 ms write while the traffic lasts, not one per 100 ms tick.
    expect(stats.attempts).toBeLessThanOrEqual(12);
    expect(unsaved.rows).toEqual([]);
    expect(await stored()).toBe(3_000);
    expect(await distinct()).toBe(3_000);
  });

  test('writes that fail after a second: stop ends within its budget with every click returned, after few attempts', async () => {
    t = await createTestDb();
    const logged: string[] = [];
    const { write, stats } = faulty(async () => {
      await sleep(1_000);
      throw new Error('connection refused');
    });
    const recorder = createClickRecorder(t.db, { write, log: (m) => logged.push(m) });
    await traffic(recorder, 2_000, 500);
    const started = Date.now();
    const unsaved = await recorder.stop(3_000);
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(stats.maxInFlight).toBe(1);
    expect(stats.attempts).toBeLessThanOrEqual(5);
    expect(new Set(unsaved.rows.map((r) => r.id)).size).toBe(2_000);
    expect(unsaved.rows).toHaveLength(2_000);
    expect(logged.join('\n')).toMatch(/could not write to the database \(connection refused\); 2000 clicks kept in memory, attempt 1/);
  });

  test('a write that never answers is timed out, logged and retried; a hung stop still returns every click', async () => {
    t = await createTestDb();
    const logged: string[] = [];
    let hang = true;
    const { write, stats } = faulty((_, __, real) => (hang ? new Promise(() => {}) : real()));
    const recorder = createClickRecorder(t.db, { write, writeTimeoutMs: 300, log: (m) => logged.push(m) });
    for (let i = 0; i < 500; i++) recorder.recordClick(hit());
    await expect.poll(() => logged.join('\n'), { timeout: PATIENCE_MS }).toMatch(/no answer within 300 ms/);
    expect(stats.maxInFlight).toBe(1);
    // Back again: the same clicks are stored once, and later ones too.
    hang = false;
    for (let i = 0; i < 100; i++) recorder.recordClick(hit());
    await expect.poll(stored, { timeout: PATIENCE_MS }).toBe(600);
    hang = true;
    for (let i = 0; i < 50; i++) recorder.recordClick(hit());
    const started = Date.now();
    const unsaved = await recorder.stop(1_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(unsaved.rows).toHaveLength(50);
  });

  test('a batch committed but not acknowledged is not stored twice, nor its filtered counts, and later clicks go through', async () => {
    t = await createTestDb();
    const { write, stats } = faulty(async (_, attempt, real) => {
      await real();
      if (attempt <= 2) throw new Error('the answer was lost');
    });
    const recorder = createClickRecorder(t.db, { write, flushMs: 20, log: () => {} });
    for (let i = 0; i < 300; i++) recorder.recordClick(hit());
    for (let i = 0; i < 5; i++) recorder.countFiltered('paddle-amazon', 'bot', new Date());
    await expect.poll(() => stats.attempts, { timeout: PATIENCE_MS }).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 200; i++) recorder.recordClick(hit());
    expect((await recorder.stop()).rows).toEqual([]);
    expect(await stored()).toBe(500);
    expect(await distinct()).toBe(500);
    expect(await filteredCount()).toBe(5);
    expect(recorder.totals()).toMatchObject({ recorded: 500, stored: 500 });
  });

  test('a click the database refuses for good is set aside; the clicks around it are stored', async () => {
    t = await createTestDb();
    const logged: string[] = [];
    const { write } = faulty(async (batch, _, real) => {
      if (batch.rows.some((r) => r.id === 'poison')) throw Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT_CHECK' });
      await real();
    });
    const recorder = createClickRecorder(t.db, { write, flushMs: 20, log: (m) => logged.push(m) });
    for (let i = 0; i < 400; i++) recorder.recordClick(hit(i === 123 ? { id: 'poison' } : {}));
    await expect.poll(stored, { timeout: PATIENCE_MS }).toBe(399);
    for (let i = 0; i < 100; i++) recorder.recordClick(hit());
    await expect.poll(stored, { timeout: PATIENCE_MS }).toBe(499);
    const unsaved = await recorder.stop();
    expect(unsaved.rows.map((r) => r.id)).toEqual(['poison']);
    expect(logged.join('\n')).toMatch(/refused click poison; set aside/);
  });

  test('batches are capped in rows and in bytes', async () => {
    t = await createTestDb();
    const { write, stats } = faulty((_, __, real) => real());
    const recorder = createClickRecorder(t.db, { write, flushMs: 60_000, maxBatchRows: 1_000, maxBatchBytes: 10_000_000, log: () => {} });
    for (let i = 0; i < 2_500; i++) recorder.recordClick(hit());
    await recorder.flush();
    expect(stats.sizes).toEqual([1_000, 1_000, 500]);
    const long = createClickRecorder(t.db, { write, flushMs: 60_000, maxBatchBytes: 100_000, log: () => {} });
    for (let i = 0; i < 1_000; i++) long.recordClick(hit({ source: `/posts/${'x'.repeat(190)}/` }));
    stats.sizes = [];
    await long.flush();
    expect(Math.max(...stats.sizes)).toBeLessThan(1_000);
    expect(stats.sizes.reduce((a, b) => a + b)).toBe(1_000);
  });
});

describe('a full batch of the largest clicks, sent to a remote server', () => {
  test('stays under a 1 MiB request body', async () => {
    t = await createTestDb();
    const bodies: number[] = [];
    // Stands in for a proxy with a 1 MiB limit in front of a libSQL server: it measures, then refuses.
    const proxy = http.createServer((req, res) => {
      let size = 0;
      req.on('data', (d: Buffer) => (size += d.length));
      req.on('end', () => {
        bodies.push(size);
        res.writeHead(size > 1024 * 1024 ? 413 : 503).end();
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const remote = createDb(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`);
    try {
      const recorder = createClickRecorder(t.db, { write: (batch) => writeClickBatch(remote, batch), flushMs: 60_000, log: () => {} });
      // Every text field at its longest, every click unique (each also carries its claim).
      for (let i = 0; i < 1_000; i++) {
        recorder.recordClick(hit({ linkSlug: 'l'.repeat(100), source: `/${'p'.repeat(198)}/`, placement: 'q'.repeat(100), referrerHost: 'r'.repeat(253), ip: `198.51.100.${i}` }));
      }
      expect(await recorder.flush()).toBe(false);
            expect(bodies.length).toBeGreaterThan(0);
      // The first batch is a full one: as large as the caps allow.
      expect(bodies[0]).toBeGreaterThan(400_000);
      expect(Math.max(...bodies)).toBeLessThan(1024 * 1024);
    } finally {
      remote.$client.close();
      proxy.close();
    }
  });
});
