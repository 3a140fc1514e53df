import { describe, expect, test } from 'vitest';
import { buildCatalog, linksRenderedBy, productsRecommendedBy } from '../../src/site/catalog.ts';
import { product } from '../support/products.ts';

const catalog = buildCatalog([product('alpha', ['alpha-a', 'alpha-b']), product('bravo', ['bravo-a'])]);

describe('linksRenderedBy', () => {
  test('cards and top picks render every merchant; grids and tables the first; pros/cons none', () => {
    const ref = (component: string, value: string, kind: 'product' | 'link' = 'product') => ({ component, attribute: 'id', kind, value }) as never;
    const slugs = (r: never) => linksRenderedBy(r, catalog).map((l) => l.slug);
    expect(slugs(ref('ProductCard', 'alpha'))).toEqual(['alpha-a', 'alpha-b']);
    expect(slugs(ref('TopPick', 'alpha'))).toEqual(['alpha-a', 'alpha-b']);
    expect(slugs(ref('ProductGrid', 'alpha'))).toEqual(['alpha-a']);
    expect(slugs(ref('ComparisonTable', 'alpha'))).toEqual(['alpha-a']);
    expect(slugs(ref('ProsCons', 'alpha'))).toEqual([]);
    expect(slugs(ref('BuyButton', 'alpha-b', 'link'))).toEqual(['alpha-b']);
    expect(slugs(ref('ProductCard', 'missing'))).toEqual([]);
  });
});

describe('productsRecommendedBy', () => {
  test('joins frontmatter products with products named in the body, through their links too', () => {
    const refs = [{ component: 'BuyButton', attribute: 'link', kind: 'link', value: 'bravo-a' }] as never[];
    expect(productsRecommendedBy(['alpha', 'ghost'], refs, catalog)).toEqual(['alpha', 'bravo']);
  });
});
