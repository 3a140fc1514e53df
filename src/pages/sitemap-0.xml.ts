// The sitemap, on demand: a post is listed from its publish time (cached until the next one).
import { getSettings } from '../platform/server-settings.ts';
import { sitemapEntries, sitemapXml } from '../site/sitemap.ts';
import { describeArticle, getSiteContent, type PostEntry } from '../site/site-content.ts';

export const prerender = false;

export async function GET(): Promise<Response> {
  const { posts, catalog } = await getSiteContent();
  const recommends = (post: { id: string }, id: string) => describeArticle(post as PostEntry, catalog).productIds.includes(id);
  const entries = sitemapEntries(posts, catalog, recommends, new Date(import.meta.env.PERCH_BUILT_AT ?? Date.now()));
  return new Response(sitemapXml(entries, getSettings().siteUrl), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
