import { describe, expect, test } from 'vitest';
import { buildCatalog } from '../../src/site/catalog.ts';
import { bodyAffiliateLinks } from '../../src/site/body-links.ts';
import { checkPost } from '../../src/site/content-checks.ts';
import { product } from '../support/products.ts';

const paddle = product('paddle', ['paddle-amazon', 'paddle-direct']);
paddle.data.links[0] = { ...paddle.data.links[0], url: 'https://www.amazon.com/dp/B0EXAMPLE1?tag=me-20', network: 'amazon' };
paddle.data.links[1] = { ...paddle.data.links[1], url: 'https://shop.example/paddle' };
const catalog = buildCatalog([paddle]);
const post = (body: string, bodyLine = 6) => ({ id: 'p', filePath: 'content/posts/p.mdx', body, bodyLine, data: { products: [] } });

describe('pasted affiliate links', () => {
  test('an Amazon link to a catalog product is matched by its ASIN, a merchant link by its address', () => {
    const links = bodyAffiliateLinks('See [it](https://amazon.com/gp/product/B0EXAMPLE1/?th=1).\n\nOr [direct](https://SHOP.example/paddle/).', catalog);
    expect(links.map((l) => [l.line, l.slug])).toEqual([
      [1, 'paddle-amazon'],
      [3, 'paddle-direct'],
    ]);
  });

  test('amzn.to, network and unknown Amazon links fail with the file, the line and what to do', () => {
    const body = ['Intro', '', 'Grab [one](https://amzn.to/3xYz).', '<https://www.amazon.co.uk/dp/B0OTHER999>', '[deal](https://click.linksynergy.com/deeplink?id=x)', '<a href="https://www.anrdoezrs.net/click-1-2">cj</a>'].join('\n');
    const problems = checkPost(post(body), catalog);
    expect(problems.map((p) => p.field)).toEqual(['link (line 8)', 'link (line 9)', 'link (line 10)', 'link (line 11)']);
    expect(problems[0].message).toMatch(/amzn\.to.*short link hides which product.*content\/products\//s);
    expect(problems[3].file).toBe('content/posts/p.mdx');
  });

  test('an HTML <a href> to a catalog destination is refused with the Markdown form to use instead', () => {
    const [problem] = checkPost(post('<a href="https://shop.example/paddle">buy</a>', 1), catalog);
    expect(problem.field).toBe('link (line 1)');
    expect(problem.message).toContain('[text](https://shop.example/paddle)');
    expect(problem.message).toContain('/go/paddle-direct');
  });

  test('ordinary links and links inside code are left alone', () => {
    expect(bodyAffiliateLinks('[about](https://example.org/)\n\n```\n[x](https://amzn.to/abc)\n```\n`https://amzn.to/q`', catalog)).toEqual([]);
  });
});

describe('body components', () => {
  test('an unknown component and a ComparisonTable row no product has are reported with their line', () => {
    const body = 'Text\n<ProductCrad id="paddle" />\n\n<ComparisonTable ids={["paddle"]} attributes={["price", "wieght"]} />';
    const problems = checkPost(post(body, 5), catalog);
    expect(problems.map((p) => p.field)).toEqual(['<ProductCrad> (line 6)', '<ComparisonTable attributes> (line 8)']);
    expect(problems[0].message).toContain('ProductCard');
    expect(problems[1].message).toMatch(/"wieght" is not a row/);
  });
});
