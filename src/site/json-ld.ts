/**
 * Structured data for search engines (schema.org JSON-LD): Article on articles, Product with
 * offers, brand and the review (its date, rating, pros and cons) on product pages.
 */
import type { Product, Profile } from './content-schemas.ts';

const CURRENCIES: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', C$: 'CAD', A$: 'AUD', CA$: 'CAD', AU$: 'AUD', '₹': 'INR' };

/** "$149", "€89.90", "149 USD", "$1,299.00" → { price: "149.00", currency: "USD" }; undefined for "from $20/month". */
export function parsePrice(text: string | undefined): { price: string; priceCurrency: string } | undefined {
  const m = text?.trim().match(/^(?:([A-Z]{3}|[A-Z]{0,2}[$€£¥₹])\s?)?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?(?:\s?([A-Z]{3}))?$/);
  if (!m) return undefined;
  const currency = m[4] ?? (m[1] && (CURRENCIES[m[1]] ?? (/^[A-Z]{3}$/.test(m[1]) ? m[1] : undefined)));
  if (!currency) return undefined;
  return { price: `${m[2].replace(/,/g, '')}.${(m[3] ?? '00').padEnd(2, '0')}`, priceCurrency: currency };
}

/** The author the profile names (a person), or the site itself as an organisation. */
export function authorOf(profile: Pick<Profile, 'name' | 'author'>): object {
  return profile.author
    ? { '@type': 'Person', name: profile.author.name, ...(profile.author.url && { url: profile.author.url }) }
    : { '@type': 'Organization', name: profile.name };
}

const itemList = (items: string[]) => ({ '@type': 'ItemList', itemListElement: items.map((name, i) => ({ '@type': 'ListItem', position: i + 1, name })) });

export interface ProductLdInput {
  product: Product;
  profile: Pick<Profile, 'name' | 'author'>;
  /** Absolute URLs. */
  pageUrl: string;
  imageUrl: string;
  /** When the product was first reviewed here: the earliest public article recommending it. */
  reviewedAt?: Date;
}

export function productJsonLd({ product: p, profile, pageUrl, imageUrl, reviewedAt }: ProductLdInput): object {
  const price = parsePrice(p.price);
  const hasReview = p.rating !== undefined || p.pros.length > 0 || p.cons.length > 0;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    image: imageUrl,
    description: p.verdict,
    category: p.category,
    brand: p.brand ? { '@type': 'Brand', name: p.brand } : undefined,
    offers: price ? { '@type': 'Offer', ...price, url: pageUrl, availability: 'https://schema.org/InStock' } : undefined,
    review: hasReview
      ? {
          '@type': 'Review',
          author: authorOf(profile),
          datePublished: reviewedAt?.toISOString().slice(0, 10),
          reviewRating: p.rating === undefined ? undefined : { '@type': 'Rating', ratingValue: p.rating, bestRating: 5, worstRating: 0 },
          reviewBody: p.verdict,
          positiveNotes: p.pros.length ? itemList(p.pros) : undefined,
          negativeNotes: p.cons.length ? itemList(p.cons) : undefined,
        }
      : undefined,
  };
}

/** A page title that fits a search result (about 60 characters): the site name goes first, then words. */
export function searchTitle(title: string | undefined, siteName: string, tagline: string, max = 60): string {
  const full = title ? `${title} · ${siteName}` : `${siteName}: ${tagline}`;
  if (full.length <= max) return full;
  const base = title ?? siteName;
  if (base.length <= max) return base;
  const cut = base.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:·–-]+$/, '')}…`;
}
