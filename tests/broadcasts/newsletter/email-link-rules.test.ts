import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { renderNewsletter } from '../../../src/broadcasts/newsletter/render-newsletter.tsx';

// The broadcast fixture: vantage-pro-16 has an Amazon link first and a direct one; dink-master-lite is Amazon only.
const siteUrl = 'https://maya.example';
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function render(body: string, frontmatter = '') {
  const dir = mkdtempSync(join(tmpdir(), 'perch-rules-'));
  dirs.push(dir);
  cpSync('tests/fixtures/broadcast', dir, { recursive: true });
  writeFileSync(join(dir, 'emails', 'rules.mdx'), `---\nsubject: Rules\n${frontmatter}---\n\n${body}\n`);
  return renderNewsletter({ contentDir: dir, name: 'rules', siteUrl });
}

describe('newsletter link rules', () => {
  test('by default a product shows its first merchant that is not Amazon, with the disclosure before it and no Amazon sentence', async () => {
    const result = await render('Intro.\n\n<ProductCard id="vantage-pro-16" />');
    if (!result.ok) throw new Error(result.message);
    const { html } = result.value;
    expect(html).toContain('/go/vantage-pro-16-direct?src=email%3Arules');
    expect(html).not.toContain('vantage-pro-16-amazon');
    const disclosure = html.indexOf('data-disclosure');
    expect(disclosure).toBeGreaterThan(-1);
    expect(disclosure).toBeLessThan(html.indexOf('/go/'));
    expect(html.slice(disclosure, html.indexOf('</p>', disclosure))).not.toContain('Amazon Associate');
  });

  test('an Amazon-only product, an Amazon BuyButton and a pasted Amazon link are refused with the product page to use instead', async () => {
    const body = '<ProductCard id="dink-master-lite" />\n\n<BuyButton link="vantage-pro-16-amazon" />\n\nOr [here](https://www.amazon.com/dp/B0EXAMPLE2).';
    const result = await render(body);
    expect(result.ok).toBe(false);
    const message = !result.ok ? result.message : '';
    expect(message).toContain('rules.mdx');
    expect(message).toMatch(/<ProductCard id="dink-master-lite"> \(line 5\).*only on Amazon.*\[Dink Master Lite Paddle\]\(\/products\/dink-master-lite\/\)/);
    expect(message).toMatch(/<BuyButton link="vantage-pro-16-amazon"> \(line 7\).*<BuyButton link="vantage-pro-16-direct" \/>/);
    expect(message).toMatch(/line 9: https:\/\/www\.amazon\.com\/dp\/B0EXAMPLE2 is an Amazon link/);
    expect(message).toContain('allowAmazonLinks: true');
  });

  test('with allowAmazonLinks the Amazon link is used and the Amazon sentence joins the disclosure, before the first link', async () => {
    const result = await render('<ProductCard id="dink-master-lite" />', 'allowAmazonLinks: true\n');
    if (!result.ok) throw new Error(result.message);
    const { html } = result.value;
    const disclosure = html.indexOf('data-disclosure');
    expect(html.indexOf('As an Amazon Associate', disclosure)).toBeLessThan(html.indexOf('/go/dink-master-lite-amazon'));
  });

  test('a pasted catalog link becomes its tracked /go/ link; an unknown affiliate link stops the email', async () => {
    const ok = await render('Buy [direct](https://vantage.example/paddles/pro-16).');
    if (!ok.ok) throw new Error(ok.message);
    expect(ok.value.html).toContain('/go/vantage-pro-16-direct?src=email%3Arules&amp;pos=body-link%3Avantage-pro-16-direct');
    const bad = await render('A [deal](https://amzn.to/3abc).');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/line 5: https:\/\/amzn\.to\/3abc is an affiliate or merchant link that Perch cannot track/);
  });

  test('an email without affiliate links has no disclosure', async () => {
    const result = await render('Just a note. See [my guide](/posts/paddle-care-guide/).');
    if (!result.ok) throw new Error(result.message);
    expect(result.value.html).not.toContain('data-disclosure');
    expect(result.value.html).not.toContain('/go/');
  });
});
