import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { buildSite, FIXTURE_CONTENT } from './support/site-build.ts';

// Each `astro sync`/`astro build` takes tens of seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000 });

// Each case copies the fixture content, makes one creator's mistake, and runs the real Astro
// CLI: `astro sync` for single-file schema errors, `astro build` for cross-file ones.

function replaceIn(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit did nothing in ${file}`);
  writeFileSync(path, after);
}

async function failingRun(edit: (dir: string) => void, command: 'sync' | 'build'): Promise<string> {
  const site = await buildSite(FIXTURE_CONTENT, edit, command);
  site.cleanup();
  expect(site.ok, site.output).toBe(false);
  return site.output;
}

describe('content schema errors', () => {
  test('a missing field names the file and the field, as advice', async () => {
    const output = await failingRun((dir) => replaceIn(dir, 'products/bravo-shoe.yaml', /^verdict:.*\n/m, ''), 'sync');
    expect(output).toContain('products → bravo-shoe');
    expect(output).toContain('content/products/bravo-shoe.yaml');
    expect(output).toContain('verdict: is missing: add a one-sentence verdict');
  });

  test('a malformed URL names the file and the link field', async () => {
    const output = await failingRun((dir) => replaceIn(dir, 'products/alpha-paddle.yaml', 'https://alpha.example/paddle', 'alpha.example/paddle'), 'sync');
    expect(output).toContain('content/products/alpha-paddle.yaml');
    expect(output).toContain('links.1.url: must be a full web address starting with https:// or http://, like https://example.com/page');
  });

  test('a javascript: merchant URL is refused before it reaches a page or the redirect catalog (ftp: and others: tests/site/content-dates.test.ts)', async () => {
    const output = await failingRun((dir) => replaceIn(dir, 'products/alpha-paddle.yaml', 'https://alpha.example/paddle', 'javascript:alert(1)'), 'sync');
    expect(output).toContain('content/products/alpha-paddle.yaml');
    expect(output).toMatch(/links\.1\.url: must be a full web address starting with https:\/\//);
  });

  test('a duplicate link slug and unknown products fail `astro build`, each with its file and field', async () => {
    const output = await failingRun((dir) => {
      replaceIn(dir, 'products/charlie-ball.yaml', 'slug: charlie-shop', 'slug: bravo-direct');
      replaceIn(dir, 'posts/no-amazon.mdx', 'tags: [shoes]', 'tags: [shoes]\nproducts: [bravo-shoes]');
      replaceIn(dir, 'posts/all-components.mdx', '<ProsCons id="bravo-shoe" />', '<ProsCons id="bravo-boot" />');
    }, 'build');
    expect(output).toContain('Perch found 3 problems in your content:');
    expect(output).toMatch(/content\/products\/charlie-ball\.yaml → links\[0\]\.slug: "bravo-direct" is already used by content\/products\/bravo-shoe\.yaml/);
    expect(output).toMatch(/content\/posts\/no-amazon\.mdx → products\[0\]: "bravo-shoes" is not a product/);
    expect(output).toMatch(/content\/posts\/all-components\.mdx → <ProsCons id>: "bravo-boot" is not a product/);
  });

  test('a date that would roll over (2026-13-45) fails with the file, the field and its line', async () => {
    const output = await failingRun((dir) => replaceIn(dir, 'posts/no-amazon.mdx', /^publishDate: .*$/m, 'publishDate: 2026-13-45'), 'build');
    // YAML may already have made it a (rolled-over) Date: then the file-text check names the line.
    expect(output).toMatch(/content\/posts\/no-amazon\.mdx[\s\S]*publishDate[\s\S]*(no month 13|must be a real date)/);
  });

  test('a .md post, an unknown component, a table row typo and untracked pasted links fail `astro build` with file and line', async () => {
    const output = await failingRun((dir) => {
      writeFileSync(join(dir, 'posts/plain.md'), '---\ntitle: Plain\ndescription: d\npublishDate: 2026-01-01\n---\n\nHello\n');
      writeFileSync(
        join(dir, 'posts/mistakes.mdx'),
        '---\ntitle: Mistakes\ndescription: d\npublishDate: 2026-01-01\n---\n\n<ProductCrad id="alpha-paddle" />\n\n<ComparisonTable ids={["alpha-paddle"]} attributes={["price", "wieght"]} />\n\nA [deal](https://amzn.to/3xYz).\n\n<a href="https://alpha.example/paddle">direct</a>\n',
      );
    }, 'build');
    expect(output).toMatch(/content\/posts\/plain\.md → file name: .*Rename it to \.mdx/);
    expect(output).toMatch(/content\/posts\/mistakes\.mdx → <ProductCrad> \(line 7\): "ProductCrad" is not a component/);
    expect(output).toMatch(/mistakes\.mdx → <ComparisonTable attributes> \(line 9\): "wieght" is not a row/);
    expect(output).toMatch(/mistakes\.mdx → link \(line 11\): https:\/\/amzn\.to\/3xYz is an affiliate or merchant link that Perch cannot track/);
    expect(output).toMatch(/mistakes\.mdx → link \(line 13\): https:\/\/alpha\.example\/paddle is written as an HTML <a href>.*\[text\]\(https:\/\/alpha\.example\/paddle\)/);
  });
});
