import { describe, expect, test } from 'vitest';
import { goHref } from '../../src/site/links.ts';

describe('goHref', () => {
  test('builds the tracked path with source and placement', () => {
    expect(goHref('paddle-amazon', { source: '/posts/best/', placement: 'product-card:1' })).toBe(
      '/go/paddle-amazon?src=%2Fposts%2Fbest%2F&pos=product-card%3A1',
    );
  });

  test('omits the query when there is no origin', () => {
    expect(goHref('paddle-amazon')).toBe('/go/paddle-amazon');
  });

  test('encodes a slug so it cannot break out of the path', () => {
    expect(goHref('a/b?c')).toBe('/go/a%2Fb%3Fc');
  });
});
