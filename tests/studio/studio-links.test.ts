import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clicks } from '../../db/schema/clicks.ts';
import { studioLinks } from '../../db/schema/studio.ts';
import { createLink, listLinks, removeLink, saveLink } from '../../src/studio/studio-links.ts';
import { readChangeVersion } from '../../src/tracking/live-catalog.ts';
import type { LinkCatalog } from '../../src/tracking/link-catalog.ts';
import type { LinkFields } from '../../src/studio/link-form.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const content: LinkCatalog = {
  links: { 'paddle-amazon': { slug: 'paddle-amazon', url: 'https://www.amazon.com/dp/B1?tag=t-20', network: 'amazon', productId: 'paddle' } },
};
const merchants = { 'paddle-amazon': 'Amazon' };
const fields = (o: Partial<LinkFields> = {}): LinkFields => ({
  url: 'https://shop.example/sale', merchant: 'Shop', network: 'other', subIdParam: null, endsAt: null, fallback: 'home', paused: false, ...o,
});

describe('studio links', () => {
  let t: TestDb;
  beforeEach(async () => (t = await createTestDb()));
  afterEach(() => t.cleanup());

  it('creates a link, raises the change counter, and refuses a slug that exists in content or studio', async () => {
    expect(await createLink(t.db, content, { ...fields(), slug: 'story-sale' })).toEqual({ ok: true, version: 1 });
    expect(await readChangeVersion(t.db, 'links')).toBe(1);
    for (const slug of ['story-sale', 'paddle-amazon']) {
      const again = await createLink(t.db, content, { ...fields({ url: 'https://other.example/' }), slug });
      expect(again).toMatchObject({ ok: false, status: 422, errors: { slug: expect.stringMatching(/already a link/) } });
    }
    expect(await t.db.select().from(studioLinks)).toHaveLength(1);
    expect(await readChangeVersion(t.db, 'links')).toBe(1);
  });

  it('refuses a fallback to nowhere, to itself, or to a product page a studio link does not have', async () => {
    for (const [fallback, message] of [['nowhere', /no link "nowhere"/], ['story-sale', /itself/], ['product', /product link/]] as const) {
      const result = await createLink(t.db, content, { ...fields({ fallback }), slug: 'story-sale' });
      expect(result).toMatchObject({ ok: false, errors: { fallback: expect.stringMatching(message) } });
    }
    expect(await t.db.select().from(studioLinks)).toHaveLength(0);
  });

  it('overrides a content link, detects a stale second tab, and reverts to the content file', async () => {
    const first = await saveLink(t.db, content, 'paddle-amazon', fields({ url: 'https://www.amazon.com/dp/B2', network: 'amazon', fallback: 'product' }), 0);
    expect(first).toEqual({ ok: true, version: 1 });
    // A second tab opened before that save still says version 0: its edit is refused, not lost silently.
    const stale = await saveLink(t.db, content, 'paddle-amazon', fields({ url: 'https://www.amazon.com/dp/B3', network: 'amazon' }), 0);
    expect(stale).toMatchObject({ ok: false, status: 409 });
    let [row] = (await listLinks(t.db, content, merchants)).filter((r) => r.slug === 'paddle-amazon');
    expect(row).toMatchObject({ origin: 'override', version: 1, link: { url: 'https://www.amazon.com/dp/B2', productId: 'paddle' }, content: content.links['paddle-amazon'] });

    expect(await removeLink(t.db, 'paddle-amazon', 0)).toMatchObject({ ok: false, status: 409 });
    expect(await removeLink(t.db, 'paddle-amazon', 1)).toEqual({ ok: true, version: 0 });
    [row] = (await listLinks(t.db, content, merchants)).filter((r) => r.slug === 'paddle-amazon');
    expect(row).toMatchObject({ origin: 'content', link: content.links['paddle-amazon'] });
  });

  it('lists every link with its clicks of the last 7 days, studio links first', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    await createLink(t.db, content, { ...fields(), slug: 'story-sale' }, now);
    const click = (id: string, slug: string, daysAgo: number) => ({
      id, linkSlug: slug, createdAt: new Date(now.getTime() - daysAgo * 86_400_000), device: 'mobile' as const, visitorHash: 'v', isUnique: true,
    });
    await t.db.insert(clicks).values([click('a', 'paddle-amazon', 1), click('b', 'paddle-amazon', 6.9), click('c', 'paddle-amazon', 8), click('d', 'story-sale', 0)]);
    const rows = await listLinks(t.db, content, merchants, now);
    expect(rows.map((r) => [r.slug, r.origin, r.clicks7d, r.merchant])).toEqual([
      ['story-sale', 'studio', 1, 'Shop'],
      ['paddle-amazon', 'content', 2, 'Amazon'],
    ]);
  });
});
