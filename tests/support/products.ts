import type { ProductEntry } from '../../src/site/catalog.ts';
import type { Product } from '../../src/site/content-schemas.ts';

/** A product entry as the content layer gives it, with one merchant link per slug. */
export function product(id: string, slugs: string[], extra: Partial<Product> = {}): ProductEntry {
  const links = slugs.map((slug) => ({ slug, merchant: slug, url: `https://${slug}.example/`, network: 'other' as const }));
  return { id, filePath: `content/products/${id}.yaml`, data: { name: id, image: '/x.svg', verdict: 'ok', featured: false, pros: [], cons: [], specs: {}, links, ...extra } };
}
