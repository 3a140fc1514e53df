import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client.ts';
import { studioChanges, studioLinks } from '../../db/schema/studio.ts';
import { layerCatalog, startLiveCatalog, type LinkOverride } from '../../src/tracking/live-catalog.ts';
import type { LinkCatalog } from '../../src/tracking/link-catalog.ts';
import { resolveDestination } from '../../src/tracking/redirect.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const content: LinkCatalog = {
  links: {
    'paddle-amazon': { slug: 'paddle-amazon', url: 'https://www.amazon.com/dp/B1?tag=t-20', network: 'amazon', productId: 'paddle' },
    'paddle-direct': { slug: 'paddle-direct', url: 'https://shop.example/paddle', network: 'other', productId: 'paddle' },
  },
};

const override = (o: Partial<LinkOverride> & { slug: string }): LinkOverride => ({
  kind: 'new', url: 'https://studio.example/x', network: 'other', subIdParam: null, endsAt: null, fallback: null, paused: false, productId: null, ...o,
});

describe('layerCatalog', () => {
  it('adds studio links and lets an override replace its content link, keeping the rest', () => {
    const live = layerCatalog(content, [
      override({ slug: 'story-sale', url: 'https://shop.example/sale' }),
      override({ slug: 'paddle-amazon', kind: 'override', url: 'https://www.amazon.com/dp/B2?tag=t-20', network: 'amazon' }),
    ]);
    expect(live.links['story-sale']?.url).toBe('https://shop.example/sale');
    expect(live.links['paddle-amazon']).toMatchObject({ url: 'https://www.amazon.com/dp/B2?tag=t-20', productId: 'paddle' });
    expect(live.links['paddle-direct']).toEqual(content.links['paddle-direct']);
    // The content catalog itself is not changed: reverting is dropping the override.
    expect(content.links['paddle-amazon']!.url).toBe('https://www.amazon.com/dp/B1?tag=t-20');
  });

  it('sends a paused link to its fallback: product page, home page or another link', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const live = layerCatalog(content, [
      override({ slug: 'paddle-amazon', kind: 'override', url: content.links['paddle-amazon']!.url, network: 'amazon', paused: true }),
      override({ slug: 'story-sale', paused: true, fallback: 'home' }),
      override({ slug: 'story-two', paused: true, fallback: 'paddle-direct' }),
    ]);
    expect(resolveDestination(live, 'paddle-amazon', now)).toEqual({ kind: 'page', path: '/products/paddle/' });
    expect(resolveDestination(live, 'story-sale', now)).toEqual({ kind: 'page', path: '/' });
    expect(resolveDestination(live, 'story-two', now)).toMatchObject({ kind: 'merchant', link: { slug: 'paddle-direct' } });
  });

  it('ends a studio link at its end date', () => {
    const live = layerCatalog(content, [override({ slug: 'sale', endsAt: new Date('2026-12-24T00:00:00Z'), fallback: 'home' })]);
    expect(resolveDestination(live, 'sale', new Date('2026-12-23T23:59:59Z'))?.kind).toBe('merchant');
    expect(resolveDestination(live, 'sale', new Date('2026-12-24T00:00:00Z'))).toEqual({ kind: 'page', path: '/' });
  });

  it('treats an unknown network as "other" (no sub-ID parameter guessed)', () => {
    expect(layerCatalog(content, [override({ slug: 'x', network: 'bogus' })]).links.x?.network).toBe('other');
  });
});

describe('startLiveCatalog over a real database', () => {
  let test: TestDb | undefined;
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    test?.cleanup();
  });

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function save(db: TestDb['db'], slug: string, url: string): Promise<void> {
    const now = new Date();
    await db.insert(studioLinks).values({ slug, kind: 'new', url, merchant: 'Shop', network: 'other', version: 1, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: studioLinks.slug, set: { url } });
    await db.insert(studioChanges).values({ key: 'links', version: 1 }).onConflictDoUpdate({ target: studioChanges.key, set: { version: sql`${studioChanges.version} + 1` } });
  }

  it('lets two servers on one database each pick a change up within a second, without a restart', async () => {
    test = await createTestDb();
    const other = createDb(test.url);
    stops.push(() => other.$client.close());
    const a = { catalog: content };
    const b = { catalog: content };
    const liveA = startLiveCatalog(test.db, a, { intervalMs: 100 });
    const liveB = startLiveCatalog(other, b, { intervalMs: 100 });
    stops.push(liveA.stop, liveB.stop);
    await liveA.refresh();
    expect(a.catalog.links['story-sale']).toBeUndefined();

    await save(test.db, 'story-sale', 'https://shop.example/one');
    const saved = Date.now();
    await until(() => a.catalog.links['story-sale']?.url === 'https://shop.example/one' && b.catalog.links['story-sale']?.url === 'https://shop.example/one', 'both catalogs');
    // A poll interval plus a read; generous for a busy machine, far under "a second or so" when idle.
    expect(Date.now() - saved).toBeLessThan(5_000);

    await save(other, 'story-sale', 'https://shop.example/two');
    await until(() => a.catalog.links['story-sale']?.url === 'https://shop.example/two', 'the edit');
    expect(a.catalog.links['paddle-amazon']).toEqual(content.links['paddle-amazon']);
  });

  it('keeps the last good catalog while the database cannot be read', async () => {
    test = await createTestDb();
    const target = { catalog: content };
    const logs: string[] = [];
    const live = startLiveCatalog(test.db, target, { intervalMs: 50, log: (m) => logs.push(m) });
    stops.push(live.stop);
    await save(test.db, 'story-sale', 'https://shop.example/one');
    await live.refresh();
    await test.db.run(sql`DROP TABLE studio_changes`);
    await until(() => logs.length > 0, 'the logged error');
    expect(target.catalog.links['story-sale']?.url).toBe('https://shop.example/one');
    expect(logs[0]).toMatch(/serving the last known links/);
  });
});
