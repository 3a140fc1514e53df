/**
 * The catalog of tracked links: every merchant link of every product plus the bio page's
 * plain URLs, keyed by slug. Built from content at build time (src/pages/[perch]/links.json.ts)
 * and read once by the server at start-up, so the redirect never touches Astro or the disk.
 */
import type { BioEntry, MerchantLink } from '../site/content-schemas.ts';
import { NETWORKS } from '../site/content-schemas.ts';

export type Network = (typeof NETWORKS)[number];

export interface CatalogLink {
  slug: string;
  /** Destination, normalised by `new URL().href` so it is a valid Location header. */
  url: string;
  network: Network;
  /** Parameter name, or `name=template` with `{clickId}`, overriding the network's own. */
  subIdParam?: string;
  /** ISO time after which the link sends followers to its fallback. */
  endsAt?: string;
  /** "product" (the product page), "home" (the home page, for studio links) or another link's slug. */
  fallback?: string;
  /** The product the link belongs to (none for bio URLs). */
  productId?: string;
}

export interface LinkCatalog {
  links: Record<string, CatalogLink>;
}

export interface ProductLinks {
  id: string;
  /** The product's name, for people reading numbers (defaults to the id). */
  name?: string;
  links: MerchantLink[];
}

/** What a link is, for people reading numbers: its merchant and the product or bio entry it belongs to. */
export interface LinkLabel {
  merchant: string;
  product: string;
  /** The product's category, when it has one. */
  category?: string;
}

/**
 * The one link → merchant map: merchant links by their merchant; the bio page's plain URLs by
 * the site they go to (their "merchant"), titled like their entry.
 */
export function labelLinks(products: Iterable<Pick<ProductLinks, 'id' | 'name'> & { category?: string; links: Pick<MerchantLink, 'slug' | 'merchant'>[] }>, bioEntries: Pick<BioEntry, 'url' | 'slug' | 'title'>[]): Map<string, LinkLabel> {
  const labels = new Map<string, LinkLabel>();
  for (const product of products) {
    for (const link of product.links) labels.set(link.slug, { merchant: link.merchant, product: product.name ?? product.id, ...(product.category && { category: product.category }) });
  }
  for (const entry of bioEntries) {
    if (entry.url && entry.slug) labels.set(entry.slug, { merchant: new URL(entry.url).hostname.replace(/^www\./, ''), product: entry.title });
  }
  return labels;
}

/**
 * Builds the catalog from checked content data (src/site/content-checks.ts refuses duplicate
 * slugs and fallbacks to nowhere before any page builds).
 */
export function buildLinkCatalog(products: ProductLinks[], bioEntries: BioEntry[]): LinkCatalog {
  const links: Record<string, CatalogLink> = {};
  const add = (link: CatalogLink) => {
    links[link.slug] ??= link;
  };
  for (const product of products) {
    for (const l of product.links) {
      add({
        slug: l.slug,
        url: new URL(l.url).href,
        network: l.network,
        ...(l.subIdParam && { subIdParam: l.subIdParam }),
        ...(l.endsAt && { endsAt: l.endsAt.toISOString() }),
        ...(l.fallback && { fallback: l.fallback }),
        productId: product.id,
      });
    }
  }
  for (const entry of bioEntries) {
    if (entry.url && entry.slug) add({ slug: entry.slug, url: new URL(entry.url).href, network: 'other' });
  }
  return { links };
}

/** Reads a catalog from its JSON text, keeping only well-formed links (the file is ours, but may be stale). */
export function parseLinkCatalog(text: string): LinkCatalog {
  const data = JSON.parse(text) as { links?: Record<string, Partial<CatalogLink>> };
  const links: Record<string, CatalogLink> = {};
  for (const [slug, link] of Object.entries(data.links ?? {})) {
    if (typeof link?.url !== 'string' || !/^https?:\/\//.test(link.url)) continue;
    const network = NETWORKS.includes(link.network as Network) ? (link.network as Network) : 'other';
    links[slug] = { ...link, slug, url: link.url, network };
  }
  return { links };
}
