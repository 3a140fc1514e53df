import { getCollection } from 'astro:content';
import { findComponentRefs } from '../site/affiliate-refs.ts';
import { placementsOf } from './placements.ts';
import type { Catalog } from './tables.ts';

let cached: Promise<Catalog> | undefined;

/** Link merchants and page titles from the content collections (fixed at build time, so cached). */
export function getCatalog(): Promise<Catalog> {
  return (cached ??= loadCatalog());
}

async function loadCatalog(): Promise<Catalog> {
  const [products, posts, bios] = await Promise.all([getCollection('products'), getCollection('posts'), getCollection('bio')]);
  const links: Catalog['links'] = new Map();
  const titles: Catalog['titles'] = new Map([['/', 'Home'], ['/links/', 'Link in bio'], ['/subscribe/', 'Subscribe']]);
  for (const product of products) {
    titles.set(`/products/${product.id}/`, product.data.name);
    for (const link of product.data.links) links.set(link.slug, { merchant: link.merchant, product: product.data.name, category: product.data.category });
  }
  const placements: Catalog['placements'] = new Map();
  for (const post of posts) {
    titles.set(`/posts/${post.id}/`, post.data.title);
    placements.set(`/posts/${post.id}/`, placementsOf(findComponentRefs(post.body ?? '')));
  }
  // Plain URLs on the bio page have a slug of their own; their "merchant" is the site they go to.
  for (const entry of bios.flatMap((b) => b.data.entries)) {
    if (entry.url && entry.slug) links.set(entry.slug, { merchant: new URL(entry.url).hostname.replace(/^www\./, ''), product: entry.title });
  }
  return { links, titles, placements };
}
