// The sitemap index robots.txt names (the address @astrojs/sitemap used, so search consoles keep it).
import { getSettings } from '../platform/server-settings.ts';
import { sitemapIndexXml } from '../site/sitemap.ts';
import { getSiteContent } from '../site/site-content.ts';

export const prerender = false;

export async function GET(): Promise<Response> {
  const { posts } = await getSiteContent();
  const built = new Date(import.meta.env.PERCH_BUILT_AT ?? Date.now());
  const lastmod = posts[0] && posts[0].data.publishDate > built ? posts[0].data.publishDate : built;
  return new Response(sitemapIndexXml(getSettings().siteUrl, lastmod), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
