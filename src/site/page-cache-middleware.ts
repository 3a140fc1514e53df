// Pages that depend on which posts are public (articles, home, tags, products, the feed, the
// sitemap) are rendered on demand and kept in memory until the next post's publish time, so a
// scheduled post appears on every listing at once, on time, with nobody running a command.
// The bio page is kept for a second (BRIEF_PAGES), so a burst of followers costs one render.
import { defineMiddleware } from 'astro:middleware';
import { BRIEF_MS, BRIEF_PAGES, cachedResponse, isCachedPage, pageCacheKey, sharedPageCache, withCompressedCopies, type CachedPage } from './page-cache.ts';
import { getSiteContent } from './site-content.ts';

// Hits are mostly answered by the server before Astro (src/server/cached-pages.ts); this one
// covers the first request and servers that run the bundle without it (astro dev, preview).
const cache = sharedPageCache();

export const scheduledPageCache = defineMiddleware(async (context, next): Promise<Response> => {
  const { pathname } = context.url;
  if (context.isPrerendered || context.request.method !== 'GET' || !isCachedPage(pathname)) return next();
  const now = Date.now();
  const key = pageCacheKey(pathname, context.url.searchParams);
  const hit = cache.get(key, now);
  if (hit) return cachedResponse(hit, now);
  // Requests that miss together (a burst when the bio page's second is up) share one render.
  const waiting = rendering.get(key);
  if (waiting) return waiting.then((page) => (page ? cachedResponse(page, Date.now()) : next()));
  const generation = cache.generation();
  let settle!: (page: CachedPage | undefined) => void;
  rendering.set(key, new Promise((resolve) => (settle = resolve)));
  try {
    const page = BRIEF_PAGES.test(pathname) ? await renderBrief(next, now) : await renderScheduled(pathname, next, now);
    if (page instanceof Response) {
      settle(undefined);
      return page;
    }
    cache.set(key, page, generation);
    settle(page);
    return cachedResponse(page, now);
  } catch (error) {
    settle(undefined);
    throw error;
  } finally {
    rendering.delete(key);
  }
});

const rendering = new Map<string, Promise<CachedPage | undefined>>();

type Next = () => Promise<Response>;

async function renderScheduled(pathname: string, next: Next, now: number): Promise<CachedPage | Response> {
  const { profile, posts, nextChange } = await getSiteContent(new Date(now));
  const response = await next();
  // The bio page as home decides its own caching (its entries have schedules of their own).
  if (response.status !== 200 || (pathname === '/' && profile.bioAsHome)) return response;
  const from = posts[0]?.data.publishDate.getTime() ?? -Infinity;
  return withCompressedCopies({ body: await response.arrayBuffer(), status: 200, headers: [...response.headers], from, until: nextChange?.getTime() ?? Infinity });
}

/** A page that says how long it may be kept (its Cache-Control max-age), kept a second at most. */
async function renderBrief(next: Next, now: number): Promise<CachedPage | Response> {
  const response = await next();
  const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1] ?? 0) * 1000;
  if (response.status !== 200 || !maxAge) return response;
  const body = await response.arrayBuffer();
  return withCompressedCopies({ body, status: 200, headers: [...response.headers], from: now, until: now + Math.min(BRIEF_MS, maxAge), shareUntil: now + maxAge }, 5);
}
