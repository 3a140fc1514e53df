import { afterEach, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { insertClicks, insertViews } from '../support/stats-events.ts';
import { findComponentRefs } from '../../src/site/affiliate-refs.ts';
import { placementsOf } from '../../src/stats/placements.ts';
import { getStatsReport } from '../../src/stats/report.ts';
import type { Catalog } from '../../src/stats/tables.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

test('placementsOf names the placements the article components draw', () => {
  const body = '<TopPick id="a" />\n<ProductGrid ids={["b", "c"]} />\n<BuyButton link="c-direct" />\n<ProsCons id="a" />\n```\n<ProductCard id="z" />\n```\n<ProductCard id="b" />';
  expect([...placementsOf(findComponentRefs(body))].sort()).toEqual(['buy-button:c-direct', 'product-card:b', 'product-grid:1', 'product-grid:2', 'top-pick:a']);
});

test('placement CTR per page is its clicks on that page ÷ the page views, and pooled over the pages that carry it', async () => {
  t = await createTestDb();
  const now = Date.now();
  const at = now - 60_000;
  // Article A: 10 views; top-pick:x clicked 3 times, product-card:y twice. Article B: 5 views, top-pick:x once.
  // Article C carries top-pick:x (from its build) but nobody clicked it: its 5 views still count as impressions.
  await insertViews(t.db, [
    ...Array.from({ length: 10 }, (_, i) => ({ at, path: '/posts/a/', visitor: `a${i}` })),
    ...Array.from({ length: 5 }, (_, i) => ({ at, path: '/posts/b/', visitor: `b${i}` })),
    ...Array.from({ length: 5 }, (_, i) => ({ at, path: '/posts/c/', visitor: `c${i}` })),
  ]);
  await insertClicks(t.db, [
    { at, source: '/posts/a/', placement: 'top-pick:x', visitor: '1' },
    { at, source: '/posts/a/', placement: 'top-pick:x', visitor: '2' },
    { at, source: '/posts/a/', placement: 'top-pick:x', visitor: '2', unique: false },
    { at, source: '/posts/a/', placement: 'product-card:y' },
    { at, source: '/posts/a/', placement: 'product-card:y' },
    { at, source: '/posts/b/', placement: 'top-pick:x' },
    // A newsletter click with a placement had no page view: it counts as a click, not in CTR.
    { at, source: 'email:nov', placement: 'top-pick:x' },
  ]);
  const catalog: Catalog = { links: new Map(), titles: new Map(), placements: new Map([['/posts/c/', new Set(['top-pick:x'])], ['/posts/a/', new Set(['top-pick:x', 'product-card:y'])]]) };
  const report = await getStatsReport(t.db, '7', catalog, new Date(now));
  const table = (id: string) => report.tables.find((x) => x.id === id)!.rows;
  const perPage = table('page-placements').map((r) => [r.placement, r.page, r.clicks, r.views, r.ctr]);
  expect(perPage).toContainEqual(['top-pick:x', '/posts/a/', 3, 10, 0.3]);
  expect(perPage).toContainEqual(['product-card:y', '/posts/a/', 2, 10, 0.2]);
  expect(perPage).toContainEqual(['top-pick:x', '/posts/b/', 1, 5, 0.2]);
  expect(perPage).toContainEqual(['top-pick:x', '/posts/c/', 0, 5, 0]);
  const pooled = Object.fromEntries(table('placements').map((r) => [r.placement, r]));
  // top-pick:x: 5 clicks in all (4 on pages + 1 email); CTR 4 ÷ (10 + 5 + 5) views.
  expect(pooled['top-pick:x']).toMatchObject({ clicks: 5, unique_clicks: 4, pages: 3, impressions: 20, ctr: 4 / 20 });
  expect(pooled['product-card:y']).toMatchObject({ clicks: 2, pages: 1, impressions: 10, ctr: 0.2 });
});
