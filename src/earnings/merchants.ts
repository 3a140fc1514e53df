import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labelLinks } from '../tracking/link-catalog.ts';

interface ProductFile {
  id: string;
  links?: { slug?: unknown; merchant?: unknown; url?: unknown }[];
}

const ASIN = /\/(?:dp|gp\/product|gp\/aw\/d|exec\/obidos\/ASIN)\/([A-Z0-9]{10})(?:[/?]|$)/i;

/**
 * Maps "trackingId|ASIN" to the one link whose Amazon URL carries that `tag=` and ASIN, for
 * Amazon reports without sub-tags. A pair two links share is left out: it is not unambiguous.
 */
export function getAmazonLinks(products: Iterable<Pick<ProductFile, 'links'>>): Map<string, string> {
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

/** content/products/*.yaml read directly, for the CLI (no astro:content outside Vite); broken files are skipped (the build reports them). */
function readProducts(contentDir: string): ProductFile[] {
  const dir = join(contentDir, 'products');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return [];
  }
  return files.map((f) => ({ ...((parse(readFileSync(join(dir, f), 'utf8')) ?? {}) as Omit<ProductFile, 'id'>), id: f.replace(/\.ya?ml$/, '') }));
}

function readBioEntries(contentDir: string): { url?: string; slug?: string; title: string }[] {
  try {
    const data = parse(readFileSync(join(contentDir, 'bio.yaml'), 'utf8')) as { entries?: { url?: unknown; slug?: unknown; title?: unknown }[] } | null;
    return (data?.entries ?? []).flatMap((e) =>
      typeof e.url === 'string' && typeof e.slug === 'string' && URL.canParse(e.url) ? [{ url: e.url, slug: e.slug, title: String(e.title ?? e.slug) }] : [],
    );
  } catch {
    return [];
  }
}

/** Link slug → merchant name (the one link → merchant map, labelLinks), from the content files. */
export function readLinkMerchants(contentDir: string): Map<string, string> {
  const products = readProducts(contentDir).map((p) => ({
    id: p.id,
    links: (p.links ?? []).filter((l): l is { slug: string; merchant: string } => typeof l.slug === 'string' && typeof l.merchant === 'string'),
  }));
  const labels = labelLinks(products, readBioEntries(contentDir));
  return new Map([...labels].map(([slug, label]) => [slug, label.merchant]));
}

/** getAmazonLinks from content/products/*.yaml, for the CLI. */
export function readAmazonLinks(contentDir: string): Map<string, string> {
  return getAmazonLinks(readProducts(contentDir));
}
