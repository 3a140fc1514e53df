import { describe, expect, test } from 'vitest';
import { authorOf, parsePrice, productJsonLd, searchTitle } from '../../src/site/json-ld.ts';
import { product } from '../support/products.ts';

describe('structured data', () => {
  test('prices written by hand become an amount and a currency, or nothing when unclear', () => {
    expect(parsePrice('$149')).toEqual({ price: '149.00', priceCurrency: 'USD' });
    expect(parsePrice('€89.9')).toEqual({ price: '89.90', priceCurrency: 'EUR' });
    expect(parsePrice('$1,299.00')).toEqual({ price: '1299.00', priceCurrency: 'USD' });
    expect(parsePrice('149 GBP')).toEqual({ price: '149.00', priceCurrency: 'GBP' });
    expect(parsePrice('from $20/month')).toBeUndefined();
    expect(parsePrice('149')).toBeUndefined();
  });
  test('Product has offers, brand, the review date and pros/cons as positive and negative notes', () => {
    const p = product('x', ['x-a'], { price: '$149', brand: 'Vantage', rating: 4.5, pros: ['Spin'], cons: ['Thin grip'] }).data;
    const ld = productJsonLd({ product: p, profile: { name: 'Site', author: { name: 'Maya Ortiz' } }, pageUrl: 'https://s.example/products/x/', imageUrl: 'https://s.example/x.jpg', reviewedAt: new Date('2026-03-02T10:00:00Z') }) as Record<string, any>;
    expect(ld.offers).toMatchObject({ '@type': 'Offer', price: '149.00', priceCurrency: 'USD', url: 'https://s.example/products/x/' });
    expect(ld.brand).toEqual({ '@type': 'Brand', name: 'Vantage' });
    expect(ld.review).toMatchObject({ datePublished: '2026-03-02', author: { '@type': 'Person', name: 'Maya Ortiz' }, reviewRating: { ratingValue: 4.5 } });
    expect(ld.review.positiveNotes.itemListElement).toEqual([{ '@type': 'ListItem', position: 1, name: 'Spin' }]);
    expect(ld.review.negativeNotes.itemListElement[0].name).toBe('Thin grip');
  });
  test('the author is the profile person, or the site as an organisation', () => {
    expect(authorOf({ name: 'Site', author: { name: 'Maya', url: 'https://maya.example' } })).toEqual({ '@type': 'Person', name: 'Maya', url: 'https://maya.example' });
    expect(authorOf({ name: 'Site' })).toEqual({ '@type': 'Organization', name: 'Site' });
  });
  test('titles are trimmed to fit a search result', () => {
    expect(searchTitle('Short', 'Site', 'tag')).toBe('Short · Site');
    const long = searchTitle('Vantage Pro 16 vs Kinetic Edge Thermo: which carbon paddle is right for your game in 2026', 'Kitchen Line Pickleball', 't');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^Vantage Pro 16 vs Kinetic Edge Thermo: which carbon.*…$/);
  });
});
