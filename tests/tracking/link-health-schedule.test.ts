import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkHealth } from '../../db/schema/link-health.ts';
import { countFlaggedLinks, listFlaggedLinks, nextToCheck, startLinkHealth } from '../../src/tracking/link-health-schedule.ts';
import type { LinkCatalog } from '../../src/tracking/link-catalog.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedClicks } from '../support/clicks.ts';
import { startMerchant } from '../support/studio.ts';

describe('link health schedule', () => {
  let t: TestDb;
  let merchant: Awaited<ReturnType<typeof startMerchant>>;
  beforeAll(async () => (merchant = await startMerchant()));
  afterAll(() => merchant.close());
  beforeEach(async () => (t = await createTestDb()));
  afterEach(() => t.cleanup());

  const catalogOf = (links: Record<string, string>): LinkCatalog => ({
    links: Object.fromEntries(Object.entries(links).map(([slug, url]) => [slug, { slug, url, network: 'other' as const }])),
  });

  it('checks the least recently checked link, flags a 404 with the clicks since, keeps the flag time, and clears it when healed', async () => {
    const target = { catalog: catalogOf({ good: `${merchant.url}/paddles/pro`, dead: `${merchant.url}/status/404` }) };
    const schedule = startLinkHealth(t.db, target, { everyMs: 3_600_000, timeoutMs: 5_000 });
    try {
      await schedule.tick();
      await schedule.tick();
      expect(await nextToCheck(t.db, target.catalog)).toEqual({ slug: 'good', url: `${merchant.url}/paddles/pro` });
      const [first] = await listFlaggedLinks(t.db, target.catalog);
      expect(first).toMatchObject({ slug: 'dead', reason: 'status', status: 404, detail: 'answers 404', clicksSince: 0 });
      expect(await countFlaggedLinks(t.db)).toBe(1);

      const after = new Date(first!.flaggedAt!.getTime() + 1000).toISOString();
      const before = new Date(first!.flaggedAt!.getTime() - 60_000).toISOString();
      await seedClicks(t.db, [
        { id: 'c1', linkSlug: 'dead', at: before },
        { id: 'c2', linkSlug: 'dead', at: after },
        { id: 'c3', linkSlug: 'good', at: after },
      ]);
      await schedule.tick(); // good again
      await schedule.tick(); // dead again: still flagged since the first failure
      const [again] = await listFlaggedLinks(t.db, target.catalog);
      expect(again).toMatchObject({ slug: 'dead', clicksSince: 1, flaggedAt: first!.flaggedAt });
      expect(again!.checkedAt.getTime()).toBeGreaterThanOrEqual(first!.checkedAt.getTime());

      // The creator points it somewhere that works: it is due at once, and the flag goes.
      target.catalog = catalogOf({ good: `${merchant.url}/paddles/pro`, dead: `${merchant.url}/paddles/new` });
      expect(await listFlaggedLinks(t.db, target.catalog)).toEqual([]);
      expect((await nextToCheck(t.db, target.catalog))?.slug).toBe('dead');
      await schedule.tick();
      expect(await countFlaggedLinks(t.db)).toBe(0);
      expect((await t.db.select().from(linkHealth)).map((r) => [r.slug, r.state]).sort()).toEqual([['dead', 'ok'], ['good', 'ok']]);
    } finally {
      schedule.stop();
    }
  });

  it('flags an unreachable destination within the timeout', async () => {
    const target = { catalog: catalogOf({ gone: 'http://127.0.0.1:9/closed' }) };
    const schedule = startLinkHealth(t.db, target, { everyMs: 3_600_000, timeoutMs: 2_000 });
    try {
      await schedule.tick();
      expect(await listFlaggedLinks(t.db, target.catalog)).toMatchObject([{ slug: 'gone', reason: 'unreachable' }]);
    } finally {
      schedule.stop();
    }
  });
});
