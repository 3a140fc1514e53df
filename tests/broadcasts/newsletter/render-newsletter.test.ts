import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderNewsletter, UNSUBSCRIBE_PLACEHOLDER } from '../../../src/broadcasts/newsletter/render-newsletter.tsx';

const contentDir = 'tests/fixtures/broadcast';
const siteUrl = 'https://maya.example';

/** A copy of the fixture content with one newsletter replaced, for the error cases. */
function withNewsletter(name: string, source: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'perch-content-'));
  cpSync(contentDir, dir, { recursive: true });
  writeFileSync(join(dir, 'emails', `${name}.mdx`), source);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('renderNewsletter', () => {
  test('renders the subject, an HTML part and a plain-text part', async () => {
    const result = await renderNewsletter({ contentDir, name: 'spring-picks', siteUrl });
    if (!result.ok) throw new Error(result.message);
    const { subject, html, text, senderName } = result.value;
    expect(subject).toBe('My 2 paddle picks this spring');
    expect(senderName).toBe('Maya at Kitchen Line');
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('One for spin, one for soft hands'); // preview text
    expect(html).toContain('Dink Master Lite Paddle');
    expect(text).toContain('Dink Master Lite Paddle');
    expect(text).not.toContain('<');
  });

  test('shows SVG product images through their PNG copies (mail apps do not show SVG)', async () => {
    const result = await renderNewsletter({ contentDir, name: 'spring-picks', siteUrl });
    if (!result.ok) throw new Error(result.message);
    const images = [...result.value.html.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(images).toContain('https://maya.example/email-images/images/products/dink-master-lite.png');
    expect(images.filter((src) => src!.endsWith('.svg'))).toEqual([]);
  });

  test('links every product to /go/ with the email as source and the component as placement', async () => {
    const result = await renderNewsletter({ contentDir, name: 'spring-picks', siteUrl });
    if (!result.ok) throw new Error(result.message);
    const hrefs = [...result.value.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    const tracked = hrefs.filter((h) => h.includes('/go/')).map((h) => new URL(h));
    expect(tracked.map((u) => `${u.pathname} ${u.searchParams.get('pos')}`)).toEqual([
      '/go/vantage-pro-16-amazon top-pick:1',
      '/go/dink-master-lite-amazon product-card:1',
      '/go/vantage-pro-16-amazon comparison-table:1',
      '/go/dink-master-lite-amazon comparison-table:1',
      '/go/vantage-pro-16-direct buy-button:1',
    ]);
    for (const url of tracked) {
      expect(url.origin).toBe(siteUrl);
      expect(url.searchParams.get('src')).toBe('email:spring-picks');
    }
    // No merchant URL leaks into the email untracked.
    expect(result.value.html).not.toContain('amazon.com');
    expect(result.value.text).toContain(`${siteUrl}/go/dink-master-lite-amazon?src=email%3Aspring-picks&pos=product-card%3A1`);
    expect(result.value.html).toMatch(/rel="sponsored nofollow noopener"/);
    // Site-relative links become absolute; product images point at their PNG copies.
    expect(hrefs).toContain(`${siteUrl}/posts/best-paddles-2026/`);
    expect(result.value.html).toContain(`src="${siteUrl}/email-images/images/products/vantage-pro-16.png"`);
  });

  test('has the unsubscribe placeholder, the sender and the postal address in both parts', async () => {
    const result = await renderNewsletter({ contentDir, name: 'spring-picks', siteUrl });
    if (!result.ok) throw new Error(result.message);
    for (const part of [result.value.html, result.value.text]) {
      expect(part).toContain(UNSUBSCRIBE_PLACEHOLDER);
      expect(part).toContain('Kitchen Line Media, 12 Court Street, Austin, TX 78701, USA');
      expect(part).toMatch(/Sent by (<!-- -->)?Maya at Kitchen Line/);
    }
  });

  test('numbers repeated components in document order', async () => {
    const { dir, cleanup } = withNewsletter('two-cards', '---\nsubject: Two\nallowAmazonLinks: true\n---\n\n<ProductCard id="vantage-pro-16" />\n\n<ProductCard id="dink-master-lite" />\n');
    try {
      const result = await renderNewsletter({ contentDir: dir, name: 'two-cards', siteUrl });
      if (!result.ok) throw new Error(result.message);
      expect(result.value.html).toContain('pos=product-card%3A1');
      expect(result.value.html).toContain('pos=product-card%3A2');
    } finally {
      cleanup();
    }
  });

  test('names the available newsletters for an unknown name', async () => {
    const result = await renderNewsletter({ contentDir, name: 'sprng-picks', siteUrl });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('No newsletter named "sprng-picks"') });
    expect(!result.ok && result.message).toContain('Available: spring-picks');
  });

  test('explains an unknown product id, a missing subject and broken MDX, naming the file', async () => {
    const cases = {
      'bad-product': ['---\nsubject: Hi\n---\n\n<ProductCard id="nope" />\n', /bad-product\.mdx: <ProductCard id="nope"\/>: there is no content\/products\/nope\.yaml/],
      'no-subject': ['---\npreview: x\n---\n\nHello\n', /no-subject\.mdx:\n\s+subject is missing/],
      'broken-mdx': ['---\nsubject: Hi\n---\n\n<ProductCard id="x"\n', /broken-mdx\.mdx: /],
    } as const;
    for (const [name, [source, message]] of Object.entries(cases)) {
      const { dir, cleanup } = withNewsletter(name, source);
      try {
        const result = await renderNewsletter({ contentDir: dir, name, siteUrl });
        expect(result.ok).toBe(false);
        expect(!result.ok && result.message).toMatch(message);
      } finally {
        cleanup();
      }
    }
  });
});
