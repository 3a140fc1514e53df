import { getCollection } from 'astro:content';
import { labelLinks } from '../tracking/link-catalog.ts';
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
  const links = labelLinks(
    products.map((p) => ({ id: p.id, name: p.data.name, category: p.data.category, links: p.data.links })),
    bios.flatMap((b) => b.data.entries),
  );
  const titles: Catalog['titles'] = new Map([['/', 'Home'], ['/links/', 'Link in bio'], ['/subscribe/', 'Subscribe']]);
  for (const product of products) titles.set(`/products/${product.id}/`, product.data.name);
  const placements: Catalog['placements'] = new Map();
  for (const post of posts) {
    titles.set(`/posts/${post.id}/`, post.data.title);
    placements.set(`/posts/${post.id}/`, placementsOf(findComponentRefs(post.body ?? '')));
  }
  return { links, titles, placements };
}
