import { describe, expect, test } from 'vitest';
import { getDisclosureNeed, isAmazonLink } from '../../src/site/disclosure.ts';

describe('isAmazonLink', () => {
  test('recognises Amazon by network or by destination host', () => {
    expect(isAmazonLink({ network: 'amazon', url: 'https://example.com/x' })).toBe(true);
    expect(isAmazonLink({ network: 'other', url: 'https://www.amazon.co.uk/dp/B01' })).toBe(true);
    expect(isAmazonLink({ network: 'other', url: 'https://amzn.to/3abc' })).toBe(true);
    expect(isAmazonLink({ network: 'impact', url: 'https://notamazon.example/amazon.com' })).toBe(false);
  });
});

describe('getDisclosureNeed', () => {
  test('no links, no disclosure; any link, the disclosure; an Amazon link adds the Associates sentence', () => {
    expect(getDisclosureNeed([])).toEqual({ show: false, amazon: false });
    expect(getDisclosureNeed([{ network: 'cj', url: 'https://shop.example/a' }])).toEqual({ show: true, amazon: false });
    expect(getDisclosureNeed([{ network: 'cj', url: 'https://shop.example/a' }, { network: 'amazon', url: 'https://amazon.com/dp/1' }])).toEqual({ show: true, amazon: true });
  });
});
