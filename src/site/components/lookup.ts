// Lookups shared by the recommendation components. A wrong id in an article is caught by the
// content checks before any page renders; these throws only guard against a bypassed check.
import type { ProductEntry } from '../catalog.ts';
import type { MerchantLink } from '../content-schemas.ts';
import { getSiteContent } from '../site-content.ts';

/** The product with this id (its file name in content/products/). */
export async function findProduct(id: string): Promise<ProductEntry> {
  const { catalog } = await getSiteContent();
  const product = catalog.products.get(id);
  if (!product) throw new Error(`Unknown product "${id}": no content/products/${id}.yaml`);
  return product;
}

/** The merchant link with this slug and the product it belongs to. */
export async function findLink(slug: string): Promise<{ link: MerchantLink; product: ProductEntry }> {
  const { catalog } = await getSiteContent();
  const found = catalog.links.get(slug);
  if (!found) throw new Error(`Unknown merchant link "${slug}" in content/products/`);
  return found;
}

/** "weight" → "Weight", "swing_weight" → "Swing weight". */
export function labelFor(attribute: string): string {
  const words = attribute.replace(/[_-]+/g, ' ').replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
