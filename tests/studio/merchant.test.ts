import { describe, expect, it } from 'vitest';
import { detectMerchant, slugify, suggestSlug } from '../../src/studio/merchant.ts';

describe('detectMerchant', () => {
  it.each([
    ['https://www.amazon.com/dp/B0EXAMPLE1?tag=me-20', 'amazon', 'ascsubtag', 'Amazon'],
    ['https://amzn.to/3xyz', 'amazon', 'ascsubtag', 'Amazon'],
    ['https://www.amazon.co.uk/dp/B0X', 'amazon', 'ascsubtag', 'Amazon'],
    ['https://joola.sjv.io/c/123/456/789', 'impact', 'subId1', ''],
    ['https://shareasale.com/r.cfm?b=1&u=2&m=3', 'shareasale', 'afftrack', ''],
    ['https://www.anrdoezrs.net/click-1-2', 'cj', 'sid', ''],
    ['https://click.linksynergy.com/deeplink?id=x', 'rakuten', 'u1', ''],
    ['https://www.selkirk.com/paddles/vanguard', 'other', null, 'Selkirk'],
    ['https://shop.joola.co.uk/paddles', 'other', null, 'Joola'],
  ])('%s is %s', (url, network, subIdParam, merchant) => {
    expect(detectMerchant(url)).toEqual({ network, subIdParam, merchant });
  });

  it('is null for anything that is not an http(s) address', () => {
    for (const url of ['javascript:alert(1)', 'ftp://x.example/', 'not a url', '']) expect(detectMerchant(url)).toBeNull();
  });
});

describe('suggestSlug', () => {
  it('names the merchant and the page, and avoids slugs already taken', () => {
    expect(suggestSlug('https://www.selkirk.com/paddles/Vanguard-Power-Air', new Set())).toBe('selkirk-vanguard-power-air');
    expect(suggestSlug('https://www.amazon.com/dp/B0EXAMPLE1?tag=me-20', new Set(['amazon-b0example1']))).toBe('amazon-b0example1-2');
    expect(suggestSlug('mailto:me@example.com', new Set())).toBe('');
  });

  it('makes lowercase-dash slugs of any text', () => {
    expect(slugify('  Crème Brûlée: 50% off!  ')).toBe('creme-brulee-50-off');
    expect(slugify('a'.repeat(80)).length).toBe(40);
  });
});
