/** The tracked links of content/ (products and bio URLs), as the build made them: the layer the studio overrides. */
import { getCollection } from 'astro:content';
import { buildLinkCatalog, type LinkCatalog } from '../tracking/link-catalog.ts';
import type { MerchantNames } from './studio-links.ts';

let loaded: Promise<{ catalog: LinkCatalog; merchants: MerchantNames }> | undefined;

/** Content links and their merchant names, read once per process (content only changes with a build). */
export function loadContentLinks(): Promise<{ catalog: LinkCatalog; merchants: MerchantNames }> {
  loaded ??= (async () => {
    const products = await getCollection('products');
    const bio = (await getCollection('bio'))[0]?.data.entries ?? [];
    const catalog = buildLinkCatalog(products.map((p) => ({ id: p.id, links: p.data.links })), bio);
    const merchants: MerchantNames = {};
    for (const p of products) for (const l of p.data.links) merchants[l.slug] = l.merchant;
    for (const e of bio) if (e.slug) merchants[e.slug] = e.title;
    return { catalog, merchants };
  })();
  return loaded;
}
