/**
 * The product catalog as the pages use it: products by id, merchant links by slug, and which
 * links each recommendation component renders. Pure: takes entries, returns lookups.
 */
import type { MerchantLink, Product } from './content-schemas.ts';
import type { ComponentRef } from './affiliate-refs.ts';

export interface ProductEntry {
  id: string;
  filePath?: string;
  data: Product;
}

export interface Catalog {
  products: Map<string, ProductEntry>;
  /** Merchant links by slug, with the product that owns each. */
  links: Map<string, { link: MerchantLink; product: ProductEntry }>;
}

/** Indexes products and their links. The first product to claim a slug keeps it (duplicates are reported by checkCatalog). */
export function buildCatalog(products: readonly ProductEntry[]): Catalog {
  const catalog: Catalog = { products: new Map(), links: new Map() };
  for (const product of [...products].sort((a, b) => a.id.localeCompare(b.id))) {
    catalog.products.set(product.id, product);
    for (const link of product.data.links) {
      if (!catalog.links.has(link.slug)) catalog.links.set(link.slug, { link, product });
    }
  }
  return catalog;
}

/** The link compact layouts (grid, table, featured picks) show: the first one listed. */
export function primaryLink(product: ProductEntry): MerchantLink {
  return product.data.links[0];
}

/**
 * The merchant links a component renders for one reference. Cards, top picks and product
 * pages show every merchant; grids and tables show the primary one; pros/cons show none.
 * Components and the disclosure decision both rely on this, so they cannot disagree.
 */
export function linksRenderedBy(ref: ComponentRef, catalog: Catalog): MerchantLink[] {
  if (ref.kind === 'link') {
    const found = catalog.links.get(ref.value);
    return found ? [found.link] : [];
  }
  const product = catalog.products.get(ref.value);
  if (!product) return [];
  switch (ref.component) {
    case 'ProductCard':
    case 'TopPick':
      return product.data.links;
    case 'ProductGrid':
    case 'ComparisonTable':
      return [primaryLink(product)];
    default:
      return [];
  }
}

/** Product ids an article recommends: its frontmatter list plus every product its components name. */
export function productsRecommendedBy(frontmatter: readonly string[], refs: readonly ComponentRef[], catalog: Catalog): string[] {
  const ids = new Set(frontmatter);
  for (const ref of refs) {
    const id = ref.kind === 'product' ? ref.value : catalog.links.get(ref.value)?.product.id;
    if (id) ids.add(id);
  }
  return [...ids].filter((id) => catalog.products.has(id));
}
