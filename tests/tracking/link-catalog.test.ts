import { describe, expect, test } from 'vitest';
import { buildLinkCatalog, parseLinkCatalog } from '../../src/tracking/link-catalog.ts';
import { bioSchema, productSchema } from '../../src/site/content-schemas.ts';

// Fixtures go through the real content schemas, as the content collection would.
const product = (id: string, links: object[]) => ({
  id,
  links: productSchema.parse({ name: id, image: '/i.svg', verdict: 'Good.', links }).links,
});
const bio = (entries: object[]) => bioSchema.parse({ entries }).entries;

describe('buildLinkCatalog', () => {
  test('keys merchant links and bio URLs by slug', () => {
    const { catalog, problems } = buildLinkCatalog(
      [product('paddle', [{ slug: 'paddle-amazon', merchant: 'Amazon', url: 'https://www.amazon.com/dp/B0X?tag=me-20', network: 'amazon', endsAt: '2026-12-31', fallback: 'product' }])],
      bio([{ title: 'My post', url: 'https://blog.example/post', slug: 'bio-post' }, { title: 'Paddle', link: 'paddle-amazon' }]),
    );
    expect(problems).toEqual([]);
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
    const { catalog } = buildLinkCatalog([product('p', [{ slug: 'p-shop', merchant: 'Shop', url: 'https://shop.example/pädel ball' }])], []);
    expect(catalog.links['p-shop']!.url).toBe('https://shop.example/p%C3%A4del%20ball');
  });

  test('names duplicate slugs and fallbacks to nowhere, with the file to fix', () => {
    const { problems } = buildLinkCatalog(
      [
        product('a', [{ slug: 'same', merchant: 'A', url: 'https://a.example' }]),
        product('b', [
          { slug: 'b-shop', merchant: 'B', url: 'https://b.example', fallback: 'gone' },
          { slug: 'b-self', merchant: 'B', url: 'https://b.example', fallback: 'b-self' },
        ]),
      ],
      bio([{ title: 'Dup', url: 'https://c.example', slug: 'same' }]),
    );
    expect(problems).toEqual([
      'content/bio.yaml: the slug "same" is already used by another link; slugs must be unique',
      'content/products/b.yaml: link "b-shop" falls back to "gone", which is not a link slug (use "product" or an existing slug)',
      'content/products/b.yaml: link "b-self" falls back to itself',
    ]);
  });
});

describe('parseLinkCatalog', () => {
  test('reads back what was built and skips links that are not web addresses', () => {
    const { catalog } = buildLinkCatalog([product('p', [{ slug: 'p-shop', merchant: 'Shop', url: 'https://shop.example/' }])], []);
    const text = JSON.stringify({ links: { ...catalog.links, bad: { url: 'javascript:alert(1)' } } });
    expect(parseLinkCatalog(text)).toEqual(catalog);
  });
});
