// Pages that depend on which posts are public (articles, home, tags, products, the feed, the
// sitemap) are rendered on demand and kept in memory until the next post's publish time, so a
// scheduled post appears on every listing at once, on time, with nobody running a command.
import { defineMiddleware } from 'astro:middleware';
import { cachedResponse, createPageCache, isCachedPage } from './page-cache.ts';
import { getSiteContent } from './site-content.ts';

const cache = createPageCache();

export const scheduledPageCache = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  if (context.isPrerendered || context.request.method !== 'GET' || !isCachedPage(pathname)) return next();
  const now = Date.now();
  const hit = cache.get(pathname, now);
  if (hit) return cachedResponse(hit, now);
  const { profile, posts, nextChange } = await getSiteContent(new Date(now));
  const response = await next();
  // The bio page as home decides its own caching (its entries have schedules of their own).
  if (response.status !== 200 || (pathname === '/' && profile.bioAsHome)) return response;
  const from = posts[0]?.data.publishDate.getTime() ?? -Infinity;
  const page = { body: await response.arrayBuffer(), status: 200, headers: [...response.headers], from, until: nextChange?.getTime() ?? Infinity };
  cache.set(pathname, page);
  return cachedResponse(page, now);
});
