/**
 * Rendered pages kept in memory until the next scheduled change. Articles, listings, the feed
 * and the sitemap are rendered on demand (so a scheduled post appears at its time with no
 * rebuild), then served from here like static files until a post's publish time comes.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

/** Pages kept in memory until the next scheduled change: a page there must not carry anything per-visitor. */
export const SCHEDULED_PAGES = /^\/(?:$|posts\/|tags\/|products\/|rss\.xml$|sitemap-(?:index|0)\.xml$)/;

/**
 * Pages rendered per request for schedules of their own (the bio page: its entries, the
 * studio's saves), kept for one second: a burst of followers from one story costs one render,
 * a change shows within a second, and the form token a hit carries is younger than the fill
 * time a person needs (MIN_FILL_MS), so the bot check holds.
 */
export const BRIEF_PAGES = /^\/links\/$/;
export const BRIEF_MS = 1_000;

export function isCachedPage(pathname: string): boolean {
  return SCHEDULED_PAGES.test(pathname) || BRIEF_PAGES.test(pathname);
}

/** The cache key: the path, plus the bio page's category filter (other query parameters, such as utm_*, do not change a page). */
export function pageCacheKey(pathname: string, query: URLSearchParams): string {
  const category = BRIEF_PAGES.test(pathname) ? query.get('category') : null;
  return category === null ? pathname : `${pathname}?category=${encodeURIComponent(category)}`;
}

export interface CachedPage {
  body: ArrayBuffer;
  /** The body compressed once when stored (text types from 1 KB), so a hit costs no compression. */
  br?: Buffer;
  gzip?: Buffer;
  /** Validators per encoding (a hash of the body), so a revisit within max-age answers 304. */
  etags?: Record<'identity' | 'br' | 'gzip', string>;
  status: number;
  headers: [string, string][];
  /** Epoch ms of the change before it was rendered (-Infinity if none): a clock set back past it misses. */
  from: number;
  /** Epoch ms after which the page may differ (the next scheduled change); Infinity if none. */
  until: number;
  /** Epoch ms a browser may keep it until, when that is not `until` (a brief page's own max-age). */
  shareUntil?: number;
}

export interface PageCache {
  get(key: string, now: number): CachedPage | undefined;
  /** Stores a page, unless `forget` ran since `generation` (the render may be from before a change). */
  set(key: string, page: CachedPage, generation?: number): void;
  /** Drops the pages whose key matches (a studio save), and any render still under way. */
  forget(keys: RegExp): void;
  generation(): number;
}

/** A bounded map: pages past their time are dropped when read; the oldest go first when full. */
export function createPageCache(max = 1000): PageCache {
  const pages = new Map<string, CachedPage>();
  let generation = 0;
  return {
    get(key, now) {
      const page = pages.get(key);
      if (page && page.from <= now && now < page.until) return page;
      if (page) pages.delete(key);
      return undefined;
    },
    set(key, page, renderedIn = generation) {
      if (renderedIn !== generation) return;
      if (pages.size >= max) pages.delete(pages.keys().next().value!);
      pages.set(key, page);
    },
    forget(keys) {
      generation += 1;
      for (const key of [...pages.keys()]) if (keys.test(key.split('?')[0]!)) pages.delete(key);
    },
    generation: () => generation,
  };
}

/**
 * The one cache of the process, on globalThis: the SSR bundle's middleware fills it, and the
 * server (src/server/cached-pages.ts) answers hits before a request reaches Astro at all.
 */
export function sharedPageCache(): PageCache {
  const holder = globalThis as { [CACHE_KEY]?: PageCache };
  return (holder[CACHE_KEY] ??= createPageCache());
}
const CACHE_KEY = Symbol.for('perch.page-cache');

const PER_ANSWER = new Set(['cache-control', 'content-encoding', 'content-length', 'etag', 'vary']);
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|ld\+json|manifest\+json)|image\/svg\+xml)/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Adds the br and gzip copies and the ETag to a page before it is stored: brotli at 11 (about
 * 20 ms for an article, once per scheduled change) or, for a page kept a second, at 5 (~1 ms).
 * Quality 9 is left out on purpose: it is the slowest of all here (~80 ms) for no gain.
 */
export async function withCompressedCopies(page: CachedPage, quality: 5 | 11 = 11): Promise<CachedPage> {
  const body = Buffer.from(page.body);
  const hash = `p${createHash('sha1').update(body).digest('base64url').slice(0, 20)}`;
  const etags = { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` };
  // Headers the server sets per answer are left out once here, not filtered on every hit.
  const headers = page.headers.filter(([name]) => !PER_ANSWER.has(name.toLowerCase()));
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (body.length < 1024 || !COMPRESSIBLE.test(type)) return { ...page, headers, etags };
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzipped(body, { level: quality === 11 ? 9 : 6 }),
  ]);
  return { ...page, headers, etags, br, gzip: gz };
}

/** How long a browser or CDN may keep a page: a minute at most, never past the next change. */
export function maxAgeSeconds(now: number, until: number): number {
  return Math.max(0, Math.min(60, Math.floor((until - now) / 1000)));
}

export function cacheControl(page: CachedPage, now: number): string {
  return `public, max-age=${maxAgeSeconds(now, page.shareUntil ?? page.until)}`;
}

/** Serves a cached page as a fresh Response with a Cache-Control that never outlives it. */
export function cachedResponse(page: CachedPage, now: number): Response {
  const headers = new Headers(page.headers);
  headers.set('Cache-Control', cacheControl(page, now));
  return new Response(page.body, { status: page.status, headers });
}
