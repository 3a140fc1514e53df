import { describe, expect, test } from 'vitest';
import { buildLinkCatalog, labelLinks, parseLinkCatalog } from '../../src/tracking/link-catalog.ts';
import { bioSchema, productSchema } from '../../src/site/content-schemas.ts';

// Fixtures go through the real content schemas, as the content collection would.
const product = (id: string, links: object[]) => ({
  id,
  links: productSchema.parse({ name: id, image: '/i.svg', verdict: 'Good.', links }).links,
});
const bio = (entries: object[]) => bioSchema.parse({ entries }).entries;

describe('buildLinkCatalog', () => {
  test('keys merchant links and bio URLs by slug', () => {
    const catalog = buildLinkCatalog(
      [product('paddle', [{ slug: 'paddle-amazon', merchant: 'Amazon', url: 'https://www.amazon.com/dp/B0X?tag=me-20', network: 'amazon', endsAt: '2026-12-31', fallback: 'product' }])],
      bio([{ title: 'My post', url: 'https://blog.example/post', slug: 'bio-post' }, { title: 'Paddle', link: 'paddle-amazon' }]),
    );
    expect(catalog.links['paddle-amazon']).toEqual({
      slug: 'paddle-amazon',
      url: 'https://www.amazon.com/dp/B0X?tag=me-20',
      network: 'amazon',
      endsAt: '2026-12-31T00:00:00.000Z',
      fallback: 'product',
      productId: 'paddle',
    });
    expect(catalog.links['bio-post']).toEqual({ slug: 'bio-post', url: 'https://blog.example/post', network: 'other' });
    expect(Object.keys(catalog.links)).toHaveLength(2);
  });

  test('normalises a destination into a valid Location header', () => {
    const catalog = buildLinkCatalog([product('p', [{ slug: 'p-shop', merchant: 'Shop', url: 'https://shop.example/pädel ball' }])], []);
    expect(catalog.links['p-shop']!.url).toBe('https://shop.example/p%C3%A4del%20ball');
  });

});

describe('parseLinkCatalog', () => {
  test('reads back what was built and skips links that are not web addresses', () => {
    const catalog = buildLinkCatalog([product('p', [{ slug: 'p-shop', merchant: 'Shop', url: 'https://shop.example/' }])], []);
    const text = JSON.stringify({ links: { ...catalog.links, bad: { url: 'javascript:alert(1)' } } });
    expect(parseLinkCatalog(text)).toEqual(catalog);
  });
});

describe('labelLinks', () => {
  test('names merchant links by merchant and product, bio URLs by the site they go to', () => {
    const labels = labelLinks(
      [{ id: 'pro-paddle', name: 'Pro Paddle', links: [{ slug: 'pro-amazon', merchant: 'Amazon' }] }, { id: 'grip', links: [{ slug: 'grip-shop', merchant: 'Shop' }] }],
      [{ slug: 'podcast', url: 'https://www.podcasts.example/show', title: 'My podcast' }, { title: 'A product entry' }],
    );
    expect(Object.fromEntries(labels)).toEqual({
      'pro-amazon': { merchant: 'Amazon', product: 'Pro Paddle' },
      'grip-shop': { merchant: 'Shop', product: 'grip' },
      podcast: { merchant: 'podcasts.example', product: 'My podcast' },
    });
  });
});
