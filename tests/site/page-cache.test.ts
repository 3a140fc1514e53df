import { describe, expect, test } from 'vitest';
import { cachedResponse, createPageCache, maxAgeSeconds, pageCacheKey, withCompressedCopies } from '../../src/site/page-cache.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { nextPublication, publishedAt } from '../../src/site/posts.ts';

const page = (until: number, from = -Infinity) => ({ body: new TextEncoder().encode('<p>hi</p>').buffer as ArrayBuffer, status: 200, headers: [['content-type', 'text/html']] as [string, string][], from, until });

describe('the page cache', () => {
  test('serves a page until the next scheduled change, then forgets it', () => {
    const cache = createPageCache();
    cache.set('/', page(1_000));
    expect(cache.get('/', 999)).toBeDefined();
    expect(cache.get('/', 1_000)).toBeUndefined();
    expect(cache.get('/', 10)).toBeUndefined();
  });
  test('a clock set back before the change the page was rendered after misses too', () => {
    const cache = createPageCache();
    cache.set('/', page(Infinity, 500));
    expect(cache.get('/', 600)).toBeDefined();
    expect(cache.get('/', 499)).toBeUndefined();
  });
  test('stays bounded: the oldest page goes first', () => {
    const cache = createPageCache(2);
    for (const key of ['/a', '/b', '/c']) cache.set(key, page(Infinity));
    expect([cache.get('/a', 0), cache.get('/b', 0), cache.get('/c', 0)].map(Boolean)).toEqual([false, true, true]);
  });
  test('a save forgets the matching pages, and a render begun before it is not stored', () => {
    const cache = createPageCache();
    cache.set('/links/', page(Infinity));
    cache.set('/links/?category=paddles', page(Infinity));
    cache.set('/posts/a/', page(Infinity));
    const before = cache.generation();
    cache.forget(/^\/links\/$/);
    expect([cache.get('/links/', 0), cache.get('/links/?category=paddles', 0), cache.get('/posts/a/', 0)].map(Boolean)).toEqual([false, false, true]);
    cache.set('/links/', page(Infinity), before);
    expect(cache.get('/links/', 0)).toBeUndefined();
    cache.set('/links/', page(Infinity), cache.generation());
    expect(cache.get('/links/', 0)).toBeDefined();
  });
  test('keys: the bio page by its category only; other pages by path', () => {
    expect(pageCacheKey('/links/', new URLSearchParams('utm_source=ig&category=a%20b'))).toBe('/links/?category=a%20b');
    expect(pageCacheKey('/links/', new URLSearchParams('utm_source=ig'))).toBe('/links/');
    expect(pageCacheKey('/posts/x/', new URLSearchParams('category=a'))).toBe('/posts/x/');
  });
  test('a stored page carries br and gzip copies of its body and an ETag; small or binary ones no copies', async () => {
    const html = `<p>${'paddle '.repeat(400)}</p>`;
    const big = await withCompressedCopies({ ...page(Infinity), body: new TextEncoder().encode(html).buffer as ArrayBuffer });
    expect(brotliDecompressSync(big.br!).toString()).toBe(html);
    expect(gunzipSync(big.gzip!).toString()).toBe(html);
    expect(big.etags?.identity).toMatch(/^"p/);
    const small = await withCompressedCopies(page(Infinity));
    expect([small.br, small.gzip, !!small.etags]).toEqual([undefined, undefined, true]);
  });
  test('a browser may keep a page a minute at most and never past the change', async () => {
    expect(maxAgeSeconds(0, Infinity)).toBe(60);
    expect(maxAgeSeconds(0, 5_500)).toBe(5);
    const response = cachedResponse(page(3_000), 0);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3');
    expect(await response.text()).toBe('<p>hi</p>');
  });
  test('the next change is the earliest future publish date of a post that is not a draft', () => {
    const at = (iso: string, draft = false) => ({ data: { publishDate: new Date(iso), draft } });
    const posts = [at('2026-01-01'), at('2026-03-01T09:00:00Z'), at('2026-02-01', true), at('2026-04-01')];
    const now = new Date('2026-02-15');
    expect(nextPublication(posts, now)?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(publishedAt(posts, now)).toEqual([posts[0]]);
    expect(nextPublication(posts, new Date('2027-01-01'))).toBeUndefined();
  });
});
