import { describe, expect, test } from 'vitest';
import { buildCatalog } from '../../src/site/catalog.ts';
import { checkBio, checkLinkSlugs, checkPost, formatProblems } from '../../src/site/content-checks.ts';
import type { BioEntry } from '../../src/site/content-schemas.ts';
import { product } from '../support/products.ts';

const products = [product('alpha', ['alpha-a', 'alpha-b']), product('bravo', ['bravo-a'])];
const catalog = buildCatalog(products);

describe('checkLinkSlugs', () => {
  test('accepts distinct slugs', () => {
    expect(checkLinkSlugs(products)).toEqual([]);
  });
  test('names the second file and field that reuse a slug, and the first owner', () => {
    const [problem] = checkLinkSlugs([...products, product('charlie', ['charlie-a', 'alpha-b'])]);
    expect(problem.file).toBe('content/products/charlie.yaml');
    expect(problem.field).toBe('links[1].slug');
    expect(problem.message).toContain('content/products/alpha.yaml');
  });
  test('rejects a fallback that is neither "product" nor a link slug', () => {
    const withFallback = product('delta', ['delta-a']);
    withFallback.data.links[0].fallback = 'nowhere';
    expect(checkLinkSlugs([withFallback]).map((p) => p.field)).toEqual(['links[0].fallback']);
  });
  test('accepts a fallback to a bio URL slug, refuses one to the link itself', () => {
    const toBio = product('echo', ['echo-a', 'echo-b']);
    toBio.data.links[0].fallback = 'my-podcast';
    toBio.data.links[1].fallback = 'echo-b';
    const problems = checkLinkSlugs([toBio], [{ title: 'Podcast', url: 'https://pod.example/', slug: 'my-podcast' } as BioEntry]);
    expect(problems.map((p) => [p.field, p.message])).toEqual([['links[1].fallback', expect.stringContaining('this link itself')]]);
  });
});

describe('checkPost', () => {
  test('names unknown products in the frontmatter and in components, and unknown link slugs', () => {
    const post = {
      id: 'guide',
      filePath: 'content/posts/guide.mdx',
      body: '<ProductCard id="alpha" />\n<ProductGrid ids={["bravo", "ghost"]} />\n<BuyButton link="nope" />',
      data: { products: ['alpha', 'phantom'] },
    };
    const problems = checkPost(post, catalog);
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([
      'content/posts/guide.mdx products[1]',
      'content/posts/guide.mdx <ProductGrid ids>',
      'content/posts/guide.mdx <BuyButton link>',
    ]);
    expect(problems[0].message).toMatch(/"phantom" is not a product.*known: alpha, bravo/);
    expect(problems[2].message).toContain('"nope" is not a merchant link slug');
  });
});

describe('checkBio', () => {
  test('names entries and picks that point at nothing, and slugs that clash with link slugs', () => {
    const bio = {
      filePath: 'content/bio.yaml',
      data: {
        entries: [
          { title: 'ok', link: 'alpha-a', highlight: false },
          { title: 'bad link', link: 'gone', highlight: false },
          { title: 'bad product', product: 'gone', highlight: false },
          { title: 'clash', url: 'https://x.example/', slug: 'bravo-a', highlight: false },
          { title: 'typo icon', link: 'alpha-a', icon: 'paddel', highlight: false },
          { title: 'known icon and emoji', link: 'alpha-a', icon: 'youtube', highlight: false },
          { title: 'emoji', link: 'alpha-a', icon: '🏓', highlight: false },
          { title: 'podcast', url: 'https://pod.example/', slug: 'pod', highlight: false },
          { title: 'podcast again', url: 'https://pod.example/2', slug: 'pod', highlight: false },
        ],
        picks: ['alpha', 'ghost'],
      },
    };
    const problems = checkBio(bio, catalog);
    expect(problems.map((p) => p.field)).toEqual(['entries[1].link', 'entries[2].product', 'entries[3].slug', 'entries[4].icon', 'entries[8].slug', 'picks[1]']);
    expect(problems[3]!.message).toMatch(/"paddel" is not an icon Perch draws\. Use one of: .*star.*, or an emoji\./);
  });
});

describe('formatProblems', () => {
  test('puts each problem on its own line with file and field', () => {
    const text = formatProblems([{ file: 'content/bio.yaml', field: 'picks[0]', message: 'bad' }]);
    expect(text).toBe('Perch found 1 problem in your content:\n  content/bio.yaml → picks[0]: bad');
  });
});
