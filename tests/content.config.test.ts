import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, FIXTURE_CONTENT } from './support/site-build.ts';

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
    expect(output).toContain('links.1.url: must be a full web address, like https://example.com/page');
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
});
