import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labelLinks } from '../tracking/link-catalog.ts';

type ProductFile = { links?: { slug?: unknown; merchant?: unknown }[] };

/**
 * Link slug → merchant name, read from content/products/*.yaml and content/bio.yaml directly,
 * for the CLI (no astro:content outside Vite). Files that do not parse are skipped: the build
 * reports them properly.
 */
export function readLinkMerchants(contentDir: string): Map<string, string> {
  const dir = join(contentDir, 'products');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    files = [];
  }
  const products = files.map((f) => {
    const data = (parse(readFileSync(join(dir, f), 'utf8')) ?? {}) as ProductFile;
    const links = (data.links ?? []).filter((l): l is { slug: string; merchant: string } => typeof l.slug === 'string' && typeof l.merchant === 'string');
    return { id: f.replace(/\.ya?ml$/, ''), links };
  });
  const labels = labelLinks(products, readBioEntries(contentDir));
  return new Map([...labels].map(([slug, label]) => [slug, label.merchant]));
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
