import { afterEach, describe, expect, test } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { clicks, filteredHits } from '../../db/schema/clicks.ts';
import { createClickRecorder } from '../../src/tracking/clicks.ts';
import { createDb } from '../../db/client.ts';
import { clickHit, IPHONE_UA } from '../support/clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { PATIENCE_MS } from '../support/wait.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

const IPHONE = IPHONE_UA;
const hit = clickHit;
const minutes = (m: number) => new Date(Date.parse('2026-11-16T10:00:00Z') + m * 60_000);
const clock = (start: string) => {
  let time = new Date(start);
  return { now: () => time, set: (iso: string) => (time = new Date(iso)) };
};
const rowsOf = async (db: TestDb['db']) => db.select().from(clicks).orderBy(clicks.createdAt, clicks.id);

describe('createClickRecorder', () => {
  test('stores a batch of clicks with every field, and no IP anywhere', async () => {
    t = await createTestDb();
    const recorder = createClickRecorder(t.db, { flushMs: 60_000 });
    for (let i = 0; i < 1_200; i++) recorder.recordClick(hit({ ip: `203.0.113.${i % 250}` }));
    expect(recorder.pending()).toBe(1_200);
    expect(await recorder.flush()).toBe(true);
    expect(recorder.pending()).toBe(0);
    expect(recorder.totals()).toMatchObject({ recorded: 1_200, stored: 1_200, dropped: 0 });
    const rows = await rowsOf(t.db);
    expect(rows).toHaveLength(1_200);
    expect(rows[0]).toMatchObject({ linkSlug: 'paddle-amazon', source: '/posts/best/', placement: 'product-card:1', referrerHost: 'instagram.com', device: 'mobile', country: 'DE' });
    expect(rows[0]!.visitorHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const dump = JSON.stringify((await t.db.$client.execute('select * from clicks')).rows);
    expect(dump).not.toContain('203.0.113.');
  });

  test('flushes on its own, without being asked', async () => {
    t = await createTestDb();
    createClickRecorder(t.db, { flushMs: 10 }).recordClick(hit());
    await expect.poll(async () => (await rowsOf(t!.db)).length, { timeout: PATIENCE_MS }).toBe(1);
  });

  test('counts a repeat click within the hour, but not as unique', async () => {
    t = await createTestDb();
    const recorder = createClickRecorder(t.db, { now: clock('2026-11-16T12:00:00Z').now });
    recorder.recordClick(hit({ id: 'first' }));
    recorder.recordClick(hit({ id: 'again', createdAt: minutes(59) }));
    recorder.recordClick(hit({ id: 'other-link', linkSlug: 'paddle-direct', createdAt: minutes(1) }));
    recorder.recordClick(hit({ id: 'other-phone', userAgent: IPHONE.replace('18_1', '17_0'), createdAt: minutes(2) }));
    recorder.recordClick(hit({ id: 'next-hour', createdAt: minutes(61) }));
    await recorder.flush();
    const unique = Object.fromEntries((await rowsOf(t.db)).map((r) => [r.id, r.isUnique]));
    expect(unique).toEqual({ first: true, again: false, 'other-link': true, 'other-phone': true, 'next-hour': true });
  });

  test('clicks recorded before and after the start (salt known) name the same visitor alike', async () => {
    t = await createTestDb();
    const time = clock('2026-11-16T10:30:00Z');
    const recorder = createClickRecorder(t.db, { flushMs: 60_000, now: time.now });
    recorder.recordClick(hit({ id: 'before-start', createdAt: minutes(0) }));
    await recorder.start();
    recorder.recordClick(hit({ id: 'after-start', createdAt: minutes(1) }));
    // Past midnight the day's salt is not known yet: that click waits to be hashed at the flush, with the new day's salt.
    time.set('2026-11-17T00:00:30Z');
    recorder.recordClick(hit({ id: 'next-day', createdAt: new Date('2026-11-17T00:00:10Z') }));
    recorder.recordClick(hit({ id: 'next-day-again', createdAt: new Date('2026-11-17T00:00:20Z') }));
    await recorder.flush();
    const rows = Object.fromEntries((await rowsOf(t.db)).map((r) => [r.id, r]));
    expect(rows['after-start']!.visitorHash).toBe(rows['before-start']!.visitorHash);
    expect([rows['before-start']!.isUnique, rows['after-start']!.isUnique]).toEqual([true, false]);
    expect(rows['next-day']!.visitorHash).not.toBe(rows['before-start']!.visitorHash);
    expect(rows['next-day-again']!.visitorHash).toBe(rows['next-day']!.visitorHash);
  });

  test('remembers unique clicks already stored (a restart does not count them again)', async () => {
    t = await createTestDb();
    const time = clock('2026-11-16T10:20:00Z');
    const first = createClickRecorder(t.db, { now: time.now });
    first.recordClick(hit({ id: 'before-restart' }));
    await first.stop();
    const second = createClickRecorder(t.db, { now: time.now });
    second.recordClick(hit({ id: 'after-restart', createdAt: minutes(20) }));
    await second.flush();
    const [row] = await t.db.select().from(clicks).where(eq(clicks.id, 'after-restart'));
    expect(row!.isUnique).toBe(false);
  });

  test("a click of the day's last moment, flushed after midnight, keeps that day's salt", async () => {
    t = await createTestDb();
    const time = clock('2026-11-16T23:59:00Z');
    const recorder = createClickRecorder(t.db, { flushMs: 60_000, now: time.now });
    recorder.recordClick(hit({ id: 'earlier', createdAt: new Date('2026-11-16T23:59:00Z') }));
    await recorder.flush();
    recorder.recordClick(hit({ id: 'last-moment', createdAt: new Date('2026-11-16T23:59:59.950Z') }));
    time.set('2026-11-17T00:00:00.050Z');
    recorder.recordClick(hit({ id: 'next-day', createdAt: new Date('2026-11-17T00:00:00.040Z') }));
    await recorder.flush();
    const rows = Object.fromEntries((await rowsOf(t.db)).map((r) => [r.id, r]));
    expect(rows['last-moment']!.visitorHash).toBe(rows['earlier']!.visitorHash);
    expect(rows['last-moment']!.isUnique).toBe(false);
    expect(rows['next-day']!.visitorHash).not.toBe(rows['earlier']!.visitorHash);
    expect(rows['next-day']!.isUnique).toBe(true);
  });

  test('gives the same visitor a new hash after the daily salt rotation', async () => {
    t = await createTestDb();
    const time = clock('2026-11-16T23:59:00Z');
    const recorder = createClickRecorder(t.db, { now: time.now });
    recorder.recordClick(hit({ id: 'monday', createdAt: new Date('2026-11-16T23:59:00Z') }));
    await recorder.flush();
    time.set('2026-11-17T00:01:00Z');
    recorder.recordClick(hit({ id: 'tuesday', createdAt: new Date('2026-11-17T00:01:00Z') }));
    await recorder.flush();
    const [monday, tuesday] = await rowsOf(t.db);
    expect(tuesday!.visitorHash).not.toBe(monday!.visitorHash);
    expect(tuesday!.isUnique).toBe(true);
  });

  test('adds filtered hits to per-link, per-day, per-reason counts', async () => {
    t = await createTestDb();
    const recorder = createClickRecorder(t.db);
    const day1 = new Date('2026-11-16T08:00:00Z');
    for (let i = 0; i < 3; i++) recorder.countFiltered('paddle-amazon', 'bot', day1);
    recorder.countFiltered('paddle-amazon', 'preview', day1);
    recorder.countFiltered('paddle-direct', 'bot', day1);
    await recorder.flush();
    recorder.countFiltered('paddle-amazon', 'bot', day1);
    recorder.countFiltered('paddle-amazon', 'bot', new Date('2026-11-17T08:00:00Z'));
    await recorder.flush();
    const rows = await t.db.select().from(filteredHits).orderBy(filteredHits.day, filteredHits.target, filteredHits.reason);
    expect(rows.map((r) => `${r.day} ${r.kind} ${r.target} ${r.reason} ${r.count}`)).toEqual([
      '2026-11-16 click paddle-amazon bot 4',
      '2026-11-16 click paddle-amazon preview 1',
      '2026-11-16 click paddle-direct bot 1',
      '2026-11-17 click paddle-amazon bot 1',
    ]);
    expect((await t.db.select({ n: count() }).from(clicks))[0]!.n).toBe(0);
  });

  test('keeps clicks while the database refuses them, logs it, and stores them once it is back', async () => {
    t = await createTestDb();
    const logged: string[] = [];
    const recorder = createClickRecorder(t.db, { flushMs: 60_000, log: (m) => logged.push(m) });
    await t.db.$client.execute('ALTER TABLE clicks RENAME TO clicks_away');
    recorder.recordClick(hit({ id: 'while-down' }));
    recorder.countFiltered('paddle-amazon', 'head', new Date());
    expect(await recorder.flush()).toBe(false);
    expect(recorder.pending()).toBe(1);
    expect(logged.join('\n')).toMatch(/could not write to the database .*1 clicks kept in memory/);
    // The whole flush is one transaction: the filtered count was not half-written either.
    expect((await t.db.select().from(filteredHits)).length).toBe(0);
    recorder.recordClick(hit({ id: 'still-down' }));
    await t.db.$client.execute('ALTER TABLE clicks_away RENAME TO clicks');
    expect(await recorder.flush()).toBe(true);
    expect((await rowsOf(t.db)).map((r) => r.id).sort()).toEqual(['still-down', 'while-down']);
    expect((await t.db.select().from(filteredHits))[0]!.count).toBe(1);
    expect(logged.at(-1)).toMatch(/database is back/);
  });

  test('drops new clicks past its buffer limit and says so', async () => {
    t = await createTestDb();
    const logged: string[] = [];
    const recorder = createClickRecorder(t.db, { flushMs: 60_000, maxBuffered: 3, log: (m) => logged.push(m) });
    for (let i = 0; i < 5; i++) recorder.recordClick(hit());
    expect(recorder.pending()).toBe(3);
    expect(recorder.totals()).toMatchObject({ recorded: 3, stored: 0, dropped: 2 });
    expect(logged[0]).toMatch(/1 clicks dropped/);
  });

  test('returns on stop what it could not store, hashed, without the IP', async () => {
    t = await createTestDb();
    const recorder = createClickRecorder(t.db, { flushMs: 60_000, log: () => {} });
    await t.db.$client.execute('ALTER TABLE clicks RENAME TO clicks_away');
    recorder.recordClick(hit({ id: 'unsaved' }));
    recorder.countFiltered('paddle-amazon', 'bot', new Date('2026-11-16T08:00:00Z'));
    const unsaved = await recorder.stop(1_000);
    expect(unsaved.rows.map((r) => r.id)).toEqual(['unsaved']);
    expect(unsaved.rows[0]).not.toHaveProperty('ip');
    // The failed batch's counts carry its id: if it was committed after all, importing them adds nothing.
    expect(unsaved.unconfirmed).toEqual([{ id: expect.any(String), filtered: [{ day: '2026-11-16', target: 'paddle-amazon', reason: 'bot', count: 1 }] }]);
  });

  test('two recorders on one database (two instances) count one unique click per visitor and link per hour', async () => {
    t = await createTestDb();
    const time = clock('2026-11-16T10:30:00Z');
    const [a, b] = [createClickRecorder(t.db, { now: time.now }), createClickRecorder(createDb(t.url), { now: time.now })];
    await Promise.all([a.start(), b.start()]);
    // 200 visitors, each tapping the link on both instances within minutes.
    for (let v = 0; v < 200; v++) {
      a.recordClick(hit({ ip: `198.51.100.${v}`, createdAt: minutes(v % 20) }));
      b.recordClick(hit({ ip: `198.51.100.${v}`, createdAt: minutes(1 + (v % 20)) }));
    }
    await Promise.all([a.flush(), b.flush()]);
    const rows = await rowsOf(t.db);
    expect(rows).toHaveLength(400);
    expect(rows.filter((r) => r.isUnique)).toHaveLength(200);
    expect(new Set(rows.filter((r) => r.isUnique).map((r) => r.visitorHash)).size).toBe(200);
  });
});
