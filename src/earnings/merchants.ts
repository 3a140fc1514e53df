import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ProductLinks {
  links?: { slug?: unknown; merchant?: unknown }[];
}

/**
 * Maps merchant-link slugs to merchant names, from product data (each product's `links`).
 * Inside Astro pass `(await getCollection('products')).map((p) => p.data)`.
 */
export function getLinkMerchants(products: Iterable<ProductLinks>): Map<string, string> {
  const map = new Map<string, string>();
  for (const product of products) {
    for (const link of product.links ?? []) {
      if (typeof link.slug === 'string' && typeof link.merchant === 'string') map.set(link.slug, link.merchant);
    }
  }
  return map;
}

/** Reads content/products/*.yaml directly, for the CLI (no astro:content outside Vite). */
export function readLinkMerchants(contentDir: string): Map<string, string> {
  const dir = join(contentDir, 'products');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return new Map();
  }
  return getLinkMerchants(files.map((f) => (parse(readFileSync(join(dir, f), 'utf8')) ?? {}) as ProductLinks));
}
