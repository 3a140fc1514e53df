import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { insertClicks, insertViews } from '../support/stats-events.ts';
import { refreshRollups } from '../../src/stats/rollups.ts';
import { getCountsByKey, getTotal } from '../../src/stats/counts.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

const now = new Date('2026-11-21T12:00:00Z');
const today = '2026-11-21';
const year = { from: '2025-11-22', to: '2026-11-21' };

/** Counts straight from the event tables, to check the roll-ups against. */
async function direct(db: TestDb['db'], sql: string): Promise<Record<string, number>> {
  const rows = (await db.$client.execute(sql)).rows;
  return Object.fromEntries(rows.map((r) => [String(r[0]), Number(r[1])]));
}

describe('refreshRollups', () => {
  test('folds in new rows on every refresh, including late rows for old days and past months', async () => {
    t = await createTestDb();
    await insertClicks(t.db, [
      { at: '2026-11-21T08:00:00Z', link: 'a', visitor: 'x' },
      { at: '2026-11-21T09:00:00Z', link: 'a', visitor: 'x', unique: false },
      { at: '2026-09-10T09:00:00Z', link: 'b', source: 'email:october' },
    ]);
    await insertViews(t.db, [
      { at: '2026-11-21T08:00:00Z', visitor: 'x' },
      { at: '2026-11-21T08:05:00Z', visitor: 'x' },
      { at: '2026-11-21T08:06:00Z', visitor: 'y', path: '/links/' },
      { at: '2026-09-10T08:00:00Z', visitor: 'z' },
    ]);
    await refreshRollups(t.db, now);
    expect(await getTotal(t.db, 'clicks', year, today)).toEqual({ count: 3, uniques: 2 });
    expect(await getTotal(t.db, 'views', year, today)).toEqual({ count: 4, uniques: 3 });

    // A click for today and one back-dated into a complete month (September) arrive later.
    await insertClicks(t.db, [{ at: '2026-11-21T10:00:00Z', link: 'b' }, { at: '2026-09-11T10:00:00Z', link: 'b' }]);
    await refreshRollups(t.db, now);
    const byLink = await getCountsByKey(t.db, 'clicks:link', year, today);
    expect(Object.fromEntries([...byLink].map(([k, v]) => [k, v.count]))).toEqual(await direct(t.db, 'select link_slug, count(*) from clicks group by 1'));
    expect((await getCountsByKey(t.db, 'clicks:source', { from: '2026-09-01', to: '2026-09-30' }, today)).get('email:october')?.count).toBe(1);
    expect((await getCountsByKey(t.db, 'views:path', year, today)).get('/links/')).toEqual({ count: 1, uniques: 1 });
  });

  test('adds new clicks to their days once, even when two refreshes run at the same time', async () => {
    t = await createTestDb();
    await insertClicks(t.db, [{ at: '2026-11-21T08:00:00Z', link: 'a', visitor: 'x' }]);
    await refreshRollups(t.db, now);
    await insertClicks(t.db, [
      { at: '2026-11-21T10:00:00Z', link: 'a', visitor: 'y' },
      { at: '2026-11-21T11:00:00Z', link: 'a', visitor: 'y', unique: false },
    ]);
    await Promise.all([refreshRollups(t.db, now), refreshRollups(t.db, now), refreshRollups(t.db, now)]);
    expect(await getTotal(t.db, 'clicks', year, today)).toEqual({ count: 3, uniques: 2 });
    expect((await getCountsByKey(t.db, 'clicks:link', year, today)).get('a')).toEqual({ count: 3, uniques: 2 });
  });

  test('reads complete months from the monthly roll-up with the same result as day by day', async () => {
    t = await createTestDb();
    const clicks = Array.from({ length: 120 }, (_, i) => ({ at: Date.parse('2026-06-01T00:00:00Z') + i * 24 * 3_600_000, link: `l${i % 3}`, unique: i % 4 !== 0 }));
    await insertClicks(t.db, clicks);
    await refreshRollups(t.db, now);
    const months = await t.db.$client.execute("select count(*) as n from stats_monthly where dimension = 'clicks:link'");
    expect(Number(months.rows[0]!.n)).toBeGreaterThan(0);
    const expected = await direct(t.db, 'select link_slug, count(*) from clicks group by 1');
    const viaMonths = await getCountsByKey(t.db, 'clicks:link', year, today);
    // With "today" before all of them no month counts as complete: day rows only.
    const viaDays = await getCountsByKey(t.db, 'clicks:link', year, '2025-01-01');
    expect(Object.fromEntries([...viaMonths].map(([k, v]) => [k, v.count]))).toEqual(expected);
    expect(viaDays).toEqual(viaMonths);
  });
});
