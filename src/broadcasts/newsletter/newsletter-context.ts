import { createContext, useContext } from 'react';
import type { Product } from '../../site/content-schemas.ts';
import type { Catalog } from '../../site/catalog.ts';
import { goHref } from '../../site/links.ts';

/** What the email components need: the products and where links point. */
export interface NewsletterContextValue {
  products: Map<string, Product>;
  /** Every merchant link by slug, to track pasted links. */
  catalog?: Catalog;
  /** Absolute public URL of the site, no trailing slash. */
  siteUrl: string;
  /** The newsletter's name; clicks are attributed to `email:<name>`. */
  name: string;
  accent: string;
}

export const NewsletterContext = createContext<NewsletterContextValue | null>(null);

/** A creator's mistake in a newsletter (unknown product id…), reported with the file's name. */
export class NewsletterContentError extends Error {}

export function useNewsletter(): NewsletterContextValue {
  const value = useContext(NewsletterContext);
  if (!value) throw new Error('Newsletter components render only inside renderNewsletter()');
  return value;
}

/** Looks a product up by id, failing with advice the creator can act on. */
export function findProduct(products: Map<string, Product>, component: string, id: string): Product {
  const product = products.get(id);
  if (!product) {
    const known = [...products.keys()].join(', ') || '(none)';
    throw new NewsletterContentError(`<${component} id="${id}"/>: there is no content/products/${id}.yaml. Products: ${known}`);
  }
  return product;
}

/** The tracked absolute link for a merchant link slug, attributed to this email and placement. */
export function useGoHref(): (slug: string, placement: string) => string {
  const { siteUrl, name } = useNewsletter();
  return (slug, placement) => goHref(slug, { source: `email:${name}`, placement }, siteUrl);
}

/** Makes a site-relative path ("/images/x.svg") absolute; email clients have no base URL. */
export function useAbsolute(): (path: string) => string {
  const { siteUrl } = useNewsletter();
  return (path) => (/^[a-z][a-z0-9+.-]*:/i.test(path) ? path : `${siteUrl}${path.startsWith('/') ? '' : '/'}${path}`);
}
