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
  links: MerchantLink[];
}

/**
 * Builds the catalog from plain content data. Returns the problems a creator must fix
 * (duplicate slugs, fallbacks to nowhere) rather than throwing, so the caller decides.
 */
export function buildLinkCatalog(products: ProductLinks[], bioEntries: BioEntry[]): { catalog: LinkCatalog; problems: string[] } {
  const links: Record<string, CatalogLink> = {};
  const problems: string[] = [];
  const add = (link: CatalogLink, where: string) => {
    if (links[link.slug]) problems.push(`${where}: the slug "${link.slug}" is already used by another link; slugs must be unique`);
    else links[link.slug] = link;
  };
  for (const product of products) {
    for (const l of product.links) {
      add(
        {
          slug: l.slug,
          url: new URL(l.url).href,
          network: l.network,
          ...(l.subIdParam && { subIdParam: l.subIdParam }),
          ...(l.endsAt && { endsAt: l.endsAt.toISOString() }),
          ...(l.fallback && { fallback: l.fallback }),
          productId: product.id,
        },
        `content/products/${product.id}.yaml`,
      );
    }
  }
  for (const entry of bioEntries) {
    if (entry.url && entry.slug) add({ slug: entry.slug, url: new URL(entry.url).href, network: 'other' }, 'content/bio.yaml');
  }
  problems.push(...checkFallbacks(links));
  return { catalog: { links }, problems };
}

function checkFallbacks(links: Record<string, CatalogLink>): string[] {
  const problems: string[] = [];
  for (const link of Object.values(links)) {
    const where = link.productId ? `content/products/${link.productId}.yaml` : 'content/bio.yaml';
    if (!link.fallback || link.fallback === 'product') continue;
    if (!links[link.fallback]) problems.push(`${where}: link "${link.slug}" falls back to "${link.fallback}", which is not a link slug (use "product" or an existing slug)`);
    else if (link.fallback === link.slug) problems.push(`${where}: link "${link.slug}" falls back to itself`);
  }
  return problems;
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
