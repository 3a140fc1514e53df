import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { clicks, filteredHits } from '../../db/schema/clicks.ts';
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
  visitorHash: 'hash-of-someone',
  isUnique: true,
});

describe('saveUnsavedClicks + importUnsavedClicks', () => {
  test('round-trips clicks and filtered counts through a file, then removes the file', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    const file = saveUnsavedClicks(dir, { rows: [row('a'), row('b')], filtered: [{ day: '2026-11-16', target: 'paddle-amazon', reason: 'bot', count: 4 }] });
    expect(readFileSync(file!, 'utf8')).toContain('hash-of-someone');
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

  test('writes nothing when nothing is unsaved, and imports nothing from a missing folder', async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'perch-unsaved-'));
    expect(saveUnsavedClicks(dir, { rows: [], filtered: [] })).toBeNull();
    expect(await importUnsavedClicks(t.db, join(dir, 'missing'))).toBe(0);
  });
});
