import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { clicks, filteredHits } from '../../db/schema/clicks.ts';
import { writeClickBatch } from '../../src/tracking/click-batch.ts';
import { importUnsavedClicks, saveUnsavedClicks } from '../../src/tracking/unsaved-clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb | undefined;
let dir: string | undefined;
afterEach(() => {
  t?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const row = (id: string) => ({
  id,
  createdAt: new Date('2026-11-16T10:00:00Z'),
  linkSlug: 'paddle-amazon',
  source: '/posts/best/',
  placement: null,
  referrerHost: null,
  device: 'mobile' as const,
  country: null,
  visitorHash: `hash-of-${id}`,
  isUnique: true,
});

describe('saveUnsavedClicks + importUnsavedClicks', () => {
  test('round-trips clicks and filtered counts through a file, then removes the file', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    const file = saveUnsavedClicks(dir, { rows: [row('a'), row('b')], filtered: [{ day: '2026-11-16', target: 'paddle-amazon', reason: 'bot', count: 4 }] });
    expect(readFileSync(file!, 'utf8')).toContain('hash-of-a');
    expect(await importUnsavedClicks(t.db, dir)).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    const stored = await t.db.select().from(clicks).orderBy(clicks.id);
    expect(stored).toEqual([row('a'), row('b')]);
    expect((await t.db.select().from(filteredHits))[0]).toMatchObject({ reason: 'bot', count: 4 });
  });

  test('skips clicks that were stored after all', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    await t.db.insert(clicks).values(row('a'));
    saveUnsavedClicks(dir, { rows: [row('a'), row('c')], filtered: [] });
    expect(await importUnsavedClicks(t.db, dir)).toBe(2);
    expect((await t.db.select().from(clicks)).map((r) => r.id).sort()).toEqual(['a', 'c']);
  });

  test('a file imported again (a crash before it was deleted) adds nothing twice, nor counts of a batch that may have been committed', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    const bot = (count: number) => [{ day: '2026-11-16', target: 'paddle-amazon', reason: 'bot' as const, count }];
    // The batch "b-1" was committed before the stop, but its answer never came: its counts are in the file too.
    await writeClickBatch(t.db, { id: 'b-1', rows: [row('a')], filtered: bot(2) });
    const file = saveUnsavedClicks(dir, { rows: [row('a'), row('b')], filtered: bot(3), unconfirmed: [{ id: 'b-1', filtered: bot(2) }] })!;
    const copy = readFileSync(file, 'utf8');
    expect(await importUnsavedClicks(t.db, dir)).toBe(2);
    writeFileSync(file, copy);
    expect(await importUnsavedClicks(t.db, dir)).toBe(2);
    expect((await t.db.select().from(clicks)).map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect((await t.db.select().from(filteredHits))[0]!.count).toBe(5);
  });

  test('a large file goes in in capped batches, every click once', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    saveUnsavedClicks(dir, { rows: Array.from({ length: 2_500 }, (_, i) => row(`big${i}`)), filtered: [] });
    expect(await importUnsavedClicks(t.db, dir)).toBe(2_500);
    expect((await t.db.$client.execute('select count(distinct id) as n from clicks')).rows[0]!.n).toBe(2_500);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a file the database refuses for good is kept aside, not retried at every start', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    saveUnsavedClicks(dir, { rows: [row('ok'), { ...row('bad'), linkSlug: null as unknown as string }], filtered: [] });
    const logged: string[] = [];
    expect(await importUnsavedClicks(t.db, dir, (m) => logged.push(m))).toBe(0);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^refused-clicks-.*\.json$/)]);
    expect(logged[0]).toMatch(/refused/);
    expect(await importUnsavedClicks(t.db, dir)).toBe(0);
  });

  test('writes nothing when nothing is unsaved, and imports nothing from a missing folder', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    expect(saveUnsavedClicks(dir, { rows: [], filtered: [] })).toBeNull();
    expect(await importUnsavedClicks(t.db, join(dir, 'missing'))).toBe(0);
  });
});
