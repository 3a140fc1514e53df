import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ProductLinks {
  links?: { slug?: unknown; merchant?: unknown; url?: unknown }[];
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

const ASIN = /\/(?:dp|gp\/product|gp\/aw\/d|exec\/obidos\/ASIN)\/([A-Z0-9]{10})(?:[/?]|$)/i;

/**
 * Maps "trackingId|ASIN" to the one link whose Amazon URL carries that `tag=` and ASIN, for
 * Amazon reports without sub-tags. A pair two links share is left out: it is not unambiguous.
 */
export function getAmazonLinks(products: Iterable<ProductLinks>): Map<string, string> {
  const map = new Map<string, string | null>();
  for (const product of products) {
    for (const link of product.links ?? []) {
      if (typeof link.slug !== 'string' || typeof link.url !== 'string' || !URL.canParse(link.url)) continue;
      const url = new URL(link.url);
      const [asin, tag] = [ASIN.exec(url.pathname)?.[1]?.toUpperCase(), url.searchParams.get('tag')];
      if (!/(^|\.)amazon\.[a-z.]+$/.test(url.hostname) || !asin || !tag) continue;
      const key = `${tag}|${asin}`;
      map.set(key, map.has(key) && map.get(key) !== link.slug ? null : link.slug);
    }
  }
  return new Map([...map].filter((e): e is [string, string] => e[1] !== null));
}

function readProducts(contentDir: string): ProductLinks[] {
  const dir = join(contentDir, 'products');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return [];
  }
  return files.map((f) => (parse(readFileSync(join(dir, f), 'utf8')) ?? {}) as ProductLinks);
}

/** Reads content/products/*.yaml directly, for the CLI (no astro:content outside Vite). */
export function readLinkMerchants(contentDir: string): Map<string, string> {
  return getLinkMerchants(readProducts(contentDir));
}

/** getAmazonLinks from content/products/*.yaml, for the CLI. */
export function readAmazonLinks(contentDir: string): Map<string, string> {
  return getAmazonLinks(readProducts(contentDir));
}
