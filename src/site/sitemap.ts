/**
 * The sitemap: exactly the pages a search engine should index — home, the bio page, the
 * subscribe page, the product list, every public article, tag and product — each with a
 * lastmod. Pages only a subscriber reaches (thanks, confirm, unsubscribe) are `noindex` and
 * left out, as are /go/, /stats and /api.
 */
import type { Catalog } from './catalog.ts';
import { groupByTag } from './posts.ts';

interface SitemapPost {
  id: string;
  data: { publishDate: Date; updatedDate?: Date; tags: string[] };
}

export interface SitemapEntry {
  path: string;
  lastmod: Date;
}

const changedAt = (post: SitemapPost) => post.data.updatedDate ?? post.data.publishDate;
const newest = (posts: readonly SitemapPost[], fallback: Date) => new Date(Math.max(fallback.getTime(), ...posts.map((p) => changedAt(p).getTime())));

/** The indexable pages for the given public posts; `builtAt` dates pages that have no date of their own. */
export function sitemapEntries(posts: readonly SitemapPost[], catalog: Catalog, recommends: (post: SitemapPost, productId: string) => boolean, builtAt: Date): SitemapEntry[] {
  const entries: SitemapEntry[] = [
    { path: '/', lastmod: newest(posts, builtAt) },
    { path: '/links/', lastmod: builtAt },
    { path: '/subscribe/', lastmod: builtAt },
    { path: '/products/', lastmod: builtAt },
  ];
  for (const post of posts) entries.push({ path: `/posts/${post.id}/`, lastmod: changedAt(post) });
  for (const [tag, group] of groupByTag(posts)) entries.push({ path: `/tags/${tag}/`, lastmod: newest(group.posts, new Date(0)) });
  for (const id of catalog.products.keys()) entries.push({ path: `/products/${id}/`, lastmod: newest(posts.filter((p) => recommends(p, id)), builtAt) });
  return entries;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function sitemapXml(entries: readonly SitemapEntry[], siteUrl: string): string {
  const urls = entries.map((e) => `<url><loc>${escape(new URL(e.path, siteUrl).href)}</loc><lastmod>${e.lastmod.toISOString()}</lastmod></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>\n`;
}

export function sitemapIndexXml(siteUrl: string, lastmod: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${escape(new URL('/sitemap-0.xml', siteUrl).href)}</loc><lastmod>${lastmod.toISOString()}</lastmod></sitemap></sitemapindex>\n`;
}
