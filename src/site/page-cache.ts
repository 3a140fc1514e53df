/**
 * Rendered pages kept in memory until the next scheduled change. Articles, listings, the feed
 * and the sitemap are rendered on demand (so a scheduled post appears at its time with no
 * rebuild), then served from here like static files until a post's publish time comes.
 */
/** Pages kept in memory until the next scheduled change: a page there must not carry anything per-visitor. */
export const SCHEDULED_PAGES = /^\/(?:$|posts\/|tags\/|products\/|rss\.xml$|sitemap-(?:index|0)\.xml$)/;

export function isCachedPage(pathname: string): boolean {
  return SCHEDULED_PAGES.test(pathname);
}

export interface CachedPage {
  body: ArrayBuffer;
  status: number;
  headers: [string, string][];
  /** Epoch ms of the change before it was rendered (-Infinity if none): a clock set back past it misses. */
  from: number;
  /** Epoch ms after which the page may differ (the next scheduled change); Infinity if none. */
  until: number;
}

export interface PageCache {
  get(key: string, now: number): CachedPage | undefined;
  set(key: string, page: CachedPage): void;
}

/** A bounded map: pages past their time are dropped when read; the oldest go first when full. */
export function createPageCache(max = 1000): PageCache {
  const pages = new Map<string, CachedPage>();
  return {
    get(key, now) {
      const page = pages.get(key);
      if (page && page.from <= now && now < page.until) return page;
      if (page) pages.delete(key);
      return undefined;
    },
    set(key, page) {
      if (pages.size >= max) pages.delete(pages.keys().next().value!);
      pages.set(key, page);
    },
  };
}

/** How long a browser or CDN may keep a page: a minute at most, never past the next change. */
export function maxAgeSeconds(now: number, until: number): number {
  return Math.max(0, Math.min(60, Math.floor((until - now) / 1000)));
}

/** Serves a cached page as a fresh Response with a Cache-Control that never outlives it. */
export function cachedResponse(page: CachedPage, now: number): Response {
  const headers = new Headers(page.headers);
  headers.set('Cache-Control', `public, max-age=${maxAgeSeconds(now, page.until)}`);
  return new Response(page.body, { status: page.status, headers });
}
