import { describe, expect, test } from 'vitest';
import { bioDisclosure, buildShelf, isShownAt, listCategories, nextChangeAfter, resolveBioEntries, selectVisible, type ProductRecord } from '../../src/bio/bio.ts';
import { bioEntrySchema, productSchema } from '../../src/site/content-schemas.ts';

const at = (iso: string) => new Date(iso);
const entry = (raw: Record<string, unknown>) => bioEntrySchema.parse(raw);
const product = (id: string, category: string | undefined, links: Array<[string, string, string]>): ProductRecord => ({
  id,
  data: productSchema.parse({
    name: `Product ${id}`,
    image: `/images/${id}.svg`,
    verdict: 'Good.',
    price: '$10',
    category,
    links: links.map(([slug, merchant, network]) => ({ slug, merchant, network, url: `https://shop.example/${slug}` })),
  }),
});
const products = [
  product('paddle', 'paddles', [['paddle-amazon', 'Amazon', 'amazon'], ['paddle-direct', 'Direct', 'impact']]),
  product('ball', 'balls', [['ball-direct', 'Ball Co', 'other']]),
  product('bag', undefined, [['bag-direct', 'Bag Co', 'other']]),
  product('paddle-2', 'paddles', [['paddle-2-direct', 'Direct', 'impact']]),
];

describe('isShownAt', () => {
  const window = { showFrom: at('2030-03-01T00:00:00Z'), showUntil: at('2030-03-08T00:00:00Z') };
  test('hides an entry before its window opens', () => {
    expect(isShownAt(window, at('2030-02-28T23:59:59Z'))).toBe(false);
  });
  test('shows it from the opening instant until just before it closes', () => {
    expect(isShownAt(window, at('2030-03-01T00:00:00Z'))).toBe(true);
    expect(isShownAt(window, at('2030-03-07T23:59:59Z'))).toBe(true);
  });
  test('hides it from the closing instant on', () => {
    expect(isShownAt(window, at('2030-03-08T00:00:00Z'))).toBe(false);
  });
  test('open-ended windows and unscheduled entries', () => {
    expect(isShownAt({ showFrom: at('2030-03-01') }, at('2099-01-01'))).toBe(true);
    expect(isShownAt({ showUntil: at('2030-03-01') }, at('2000-01-01'))).toBe(true);
    expect(isShownAt({}, at('2030-03-01'))).toBe(true);
  });
});

describe('selectVisible', () => {
  test('keeps content order and drops entries outside their windows', () => {
    const entries = [
      { id: 'a' },
      { id: 'before', showFrom: at('2030-03-05') },
      { id: 'inside', showFrom: at('2030-03-01'), showUntil: at('2030-03-08') },
      { id: 'after', showUntil: at('2030-03-02') },
      { id: 'z' },
    ];
    expect(selectVisible(entries, at('2030-03-03')).map((e) => e.id)).toEqual(['a', 'inside', 'z']);
    expect(selectVisible(entries, at('2030-03-06')).map((e) => e.id)).toEqual(['a', 'before', 'inside', 'z']);
    expect(selectVisible(entries, at('2030-02-01')).map((e) => e.id)).toEqual(['a', 'after', 'z']);
  });
});

describe('nextChangeAfter', () => {
  test('returns the nearest future opening or closing', () => {
    const entries = [{ showFrom: at('2030-03-05') }, { showFrom: at('2030-03-01'), showUntil: at('2030-03-08') }, {}];
    expect(nextChangeAfter(entries, at('2030-02-01'))).toEqual(at('2030-03-01'));
    expect(nextChangeAfter(entries, at('2030-03-02'))).toEqual(at('2030-03-05'));
    expect(nextChangeAfter(entries, at('2030-03-09'))).toBeUndefined();
  });
});

describe('resolveBioEntries', () => {
  test('gives url, link and product entries their /go/ slug and affiliate flag, numbered by content position', () => {
    const { buttons, problems } = resolveBioEntries(
      [
        entry({ title: 'Article', url: 'https://me.example/a', slug: 'bio-article', highlight: true }),
        entry({ title: 'Paddle direct', link: 'paddle-direct' }),
        entry({ title: 'Ball', product: 'ball' }),
        entry({ title: 'Paddle by id', link: 'paddle' }),
      ],
      products,
    );
    expect(problems).toEqual([]);
    expect(buttons.map((b) => [b.position, b.slug, b.affiliate, b.highlight])).toEqual([
      [1, 'bio-article', false, true],
      [2, 'paddle-direct', true, false],
      [3, 'ball-direct', true, false],
      [4, 'paddle-amazon', true, false],
    ]);
    expect(buttons[3].network).toBe('amazon');
  });
  test('reports a reference to a missing product as a problem naming the entry', () => {
    const { buttons, problems } = resolveBioEntries([entry({ title: 'Ghost', product: 'nope' })], products);
    expect(buttons).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('"Ghost" points at product "nope"')]);
  });
});

describe('buildShelf', () => {
  test('lists picks in order with their first merchant link and shelf position', () => {
    const { items, problems } = buildShelf(['ball', 'paddle', 'bag'], products);
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.position, i.productId, i.slug, i.merchant])).toEqual([
      [1, 'ball', 'ball-direct', 'Ball Co'],
      [2, 'paddle', 'paddle-amazon', 'Amazon'],
      [3, 'bag', 'bag-direct', 'Bag Co'],
    ]);
  });
  test('reports an unknown pick', () => {
    expect(buildShelf(['missing'], products).problems).toEqual([expect.stringContaining('content/products/missing.yaml')]);
  });
});

describe('bioDisclosure', () => {
  const shortLink: ProductRecord = {
    id: 'grip',
    data: productSchema.parse({ name: 'Grip', image: '/g.svg', verdict: 'Good.', links: [{ slug: 'grip-amzn', merchant: 'Amazon', url: 'https://amzn.to/3xYz', network: 'other' }] }),
  };
  test('adds the Amazon sentence for an Amazon link known only by its host, as articles do', () => {
    const { buttons } = resolveBioEntries([entry({ title: 'Grip', link: 'grip-amzn' })], [shortLink]);
    expect(bioDisclosure(buttons, [])).toEqual({ show: true, amazon: true });
    expect(bioDisclosure([], buildShelf(['grip'], [shortLink]).items)).toEqual({ show: true, amazon: true });
  });
  test('shows nothing for plain URLs only, and no Amazon sentence without Amazon links', () => {
    const { buttons } = resolveBioEntries([entry({ title: 'Article', url: 'https://me.example/a', slug: 'bio-article' }), entry({ title: 'Ball', product: 'ball' })], products);
    expect(bioDisclosure(buttons.slice(0, 1), [])).toEqual({ show: false, amazon: false });
    expect(bioDisclosure(buttons, [])).toEqual({ show: true, amazon: false });
  });
});

describe('listCategories', () => {
  test('distinct categories in shelf order, skipping products without one', () => {
    const { items } = buildShelf(['paddle', 'bag', 'ball', 'paddle-2'], products);
    expect(listCategories(items)).toEqual(['paddles', 'balls']);
  });
});
