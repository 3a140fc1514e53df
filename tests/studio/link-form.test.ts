import { describe, expect, it } from 'vitest';
import { linkFormSchema, newLinkSchema, parseForm } from '../../src/studio/link-form.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const good = { slug: 'story-sale', url: 'https://shop.example/sale?aff=1', merchant: 'Shop', network: 'other', fallback: 'home' };

describe('the studio link form', () => {
  it('accepts a link and normalises what it stores', () => {
    const parsed = parseForm(newLinkSchema, form({ ...good, endsAt: '2026-12-24T18:00', paused: 'on' }));
    expect(parsed).toEqual({
      ok: true,
      value: { ...good, subIdParam: null, endsAt: new Date('2026-12-24T18:00:00Z'), paused: true },
    });
  });

  it.each([
    ['url', 'javascript:alert(1)', /https:\/\//],
    ['url', 'ftp://files.example/x', /https:\/\//],
    ['url', `https://x.example/${'a'.repeat(2100)}`, /2,000/],
    ['slug', 'Story Sale', /lowercase/],
    ['slug', '', /short name/],
    ['merchant', '', /Name the shop/],
    ['network', 'myspace', /Choose one of/],
    ['subIdParam', 'sub id', /parameter name/],
    ['endsAt', 'next tuesday', /date and time/],
    ['fallback', 'https://evil.example/', /home page/],
  ])('refuses %s = %j with a message for that field', (field, value, message) => {
    const parsed = parseForm(newLinkSchema, form({ ...good, [field]: value }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors[field]).toMatch(message);
      expect(Object.keys(parsed.errors)).toEqual([field]);
    }
  });

  it('reads a field missing from the post as empty, not as an error of its own', () => {
    const { slug: _, ...edit } = good;
    expect(parseForm(linkFormSchema, form(edit)).ok).toBe(true);
  });
});
