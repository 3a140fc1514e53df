import { describe, expect, test } from 'vitest';
import type { LinkCatalog } from '../../src/tracking/link-catalog.ts';
import { getGoSlug, newClickId, parseClickOrigin, resolveDestination, withSubId } from '../../src/tracking/redirect.ts';

describe('getGoSlug', () => {
  test('takes a plain slug, with or without a trailing slash', () => {
    expect(getGoSlug('/go/paddle-amazon')).toBe('paddle-amazon');
    expect(getGoSlug('/go/paddle-amazon/')).toBe('paddle-amazon');
  });

  test.each(['/go/https://evil.example', '/go//evil.example', '/go/%2F%2Fevil.example', '/go/a%2Fb', '/go/a/b', '/go/', '/go/UPPER', '/go/..', '/go/' + 'a'.repeat(101)])(
    'refuses %s',
    (path) => {
      expect(getGoSlug(path)).toBeNull();
    },
  );
});

const catalog: LinkCatalog = {
  links: {
    live: { slug: 'live', url: 'https://shop.example/a', network: 'other', productId: 'paddle' },
    ended: { slug: 'ended', url: 'https://shop.example/old', network: 'amazon', endsAt: '2026-06-01T00:00:00.000Z', productId: 'paddle' },
    'ended-to-live': { slug: 'ended-to-live', url: 'https://shop.example/x', network: 'cj', endsAt: '2026-06-01T00:00:00.000Z', fallback: 'live', productId: 'paddle' },
    'ended-bio': { slug: 'ended-bio', url: 'https://shop.example/y', network: 'other', endsAt: '2026-06-01T00:00:00.000Z' },
    loop: { slug: 'loop', url: 'https://shop.example/l', network: 'other', endsAt: '2026-06-01T00:00:00.000Z', fallback: 'pool', productId: 'ball' },
    pool: { slug: 'pool', url: 'https://shop.example/p', network: 'other', endsAt: '2026-06-01T00:00:00.000Z', fallback: 'loop', productId: 'ball' },
  },
};
const before = new Date('2026-05-31T23:59:59Z');
const after = new Date('2026-06-01T00:00:00Z');

describe('resolveDestination', () => {
  test('returns the link itself while it runs', () => {
    expect(resolveDestination(catalog, 'ended', before)).toEqual({ kind: 'merchant', link: catalog.links.ended });
  });

  test('sends an ended link to its product page by default', () => {
    expect(resolveDestination(catalog, 'ended', after)).toEqual({ kind: 'page', path: '/products/paddle/' });
  });

  test('sends an ended link to its fallback link', () => {
    expect(resolveDestination(catalog, 'ended-to-live', after)).toEqual({ kind: 'merchant', link: catalog.links.live });
  });

  test('ends a fallback loop at the product page', () => {
    expect(resolveDestination(catalog, 'loop', after)).toEqual({ kind: 'page', path: '/products/ball/' });
  });

  test('is null for an unknown slug and for an ended link with nowhere to go', () => {
    expect(resolveDestination(catalog, 'nope', before)).toBeNull();
    expect(resolveDestination(catalog, 'ended-bio', after)).toBeNull();
  });
});

describe('withSubId', () => {
  test.each([
    ['amazon', 'https://www.amazon.com/dp/B0X?tag=me-20', 'https://www.amazon.com/dp/B0X?tag=me-20&ascsubtag=C1'],
    ['impact', 'https://vantage.sjv.io/c/1/2/3', 'https://vantage.sjv.io/c/1/2/3?subId1=C1'],
    ['shareasale', 'https://shareasale.com/r.cfm?b=1&u=2&m=3', 'https://shareasale.com/r.cfm?b=1&u=2&m=3&afftrack=C1'],
    ['cj', 'https://www.anrdoezrs.net/click-1-2?url=https%3A%2F%2Fshop.example%2Fa%3Fb%3Dc', 'https://www.anrdoezrs.net/click-1-2?url=https%3A%2F%2Fshop.example%2Fa%3Fb%3Dc&sid=C1'],
    ['rakuten', 'https://click.linksynergy.com/deeplink?id=X&mid=1&murl=https%3A%2F%2Fshop.example', 'https://click.linksynergy.com/deeplink?id=X&mid=1&murl=https%3A%2F%2Fshop.example&u1=C1'],
    ['other', 'https://shop.example/a?x=1', 'https://shop.example/a?x=1'],
  ] as const)('%s keeps existing parameters byte for byte', (network, url, expected) => {
    expect(withSubId({ url, network }, 'C1')).toBe(expected);
  });

  test('replaces a sub-ID already in the URL and keeps the fragment', () => {
    expect(withSubId({ url: 'https://www.amazon.com/dp/B0X?ascsubtag=old&tag=me-20#reviews', network: 'amazon' }, 'C1')).toBe(
      'https://www.amazon.com/dp/B0X?tag=me-20&ascsubtag=C1#reviews',
    );
  });

  test("uses the link's own parameter name or template over the network's", () => {
    expect(withSubId({ url: 'https://shop.example/a', network: 'other', subIdParam: 'subid' }, 'C1')).toBe('https://shop.example/a?subid=C1');
    expect(withSubId({ url: 'https://shop.example/a?q=1', network: 'amazon', subIdParam: 'ref=perch-{clickId}' }, 'C1')).toBe(
      'https://shop.example/a?q=1&ref=perch-C1',
    );
  });
});

describe('parseClickOrigin', () => {
  const parse = (query: string) => parseClickOrigin(new URLSearchParams(query));

  test('keeps a page path or an email name and a placement', () => {
    expect(parse('src=%2Fposts%2Fbest%2F&pos=product-card%3A2')).toEqual({ source: '/posts/best/', placement: 'product-card:2' });
    expect(parse('src=email%3Anov-picks&pos=button%3A1')).toEqual({ source: 'email:nov-picks', placement: 'button:1' });
  });

  test.each(['src=https%3A%2F%2Fevil.example', 'src=%2F%2Fevil.example', 'src=posts', 'src=%2Fa%20b', 'src=%2F%3Cscript%3E', `src=%2F${'a'.repeat(200)}`, 'src=email%3A'])(
    'drops a malformed source (%s)',
    (query) => {
      expect(parse(query).source).toBeNull();
    },
  );

  test('drops an over-long or odd placement', () => {
    expect(parse(`pos=${'a'.repeat(101)}`).placement).toBeNull();
    expect(parse('pos=%3Cb%3E').placement).toBeNull();
    expect(parse('').placement).toBeNull();
  });
});

describe('newClickId', () => {
  test('is 14 URL-safe characters and does not repeat', () => {
    const ids = new Set(Array.from({ length: 20_000 }, newClickId));
    expect(ids.size).toBe(20_000);
    for (const id of [...ids].slice(0, 100)) expect(id).toMatch(/^[A-Za-z0-9]{14}$/);
  });

  test('sorts by the time it was made, whatever its random part', () => {
    const times = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-11-21T12:00:00.001Z'), Date.parse('2026-11-21T12:00:00.002Z'), Date.parse('2079-12-31T00:00:00Z')];
    const ids = times.map((t) => newClickId(t));
    expect([...ids].sort()).toEqual(ids);
    expect(newClickId(times[1]).slice(0, 7)).toBe(ids[1]!.slice(0, 7));
  });
});
