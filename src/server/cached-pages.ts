/**
 * Answers the pages the SSR bundle has rendered and cached (src/site/page-cache.ts) before the
 * request reaches Astro: the stored br/gzip copy as the browser accepts it, an ETag (304 on a
 * match), and a max-age that never outlives the next scheduled change. A miss (or a page past
 * its time) falls through to Astro, which renders and stores it again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheControl, isCachedPage, pageCacheKey, sharedPageCache } from '../site/page-cache.ts';
import { pickEncoding } from './encoding.ts';

/** Set here, per answer, rather than taken from the stored page. */
const OWN_HEADERS = new Set(['cache-control', 'content-encoding', 'content-length', 'etag', 'vary']);

export function serveCachedPage(req: IncomingMessage, res: ServerResponse, now = Date.now()): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!isCachedPage(path)) return false;
  const page = sharedPageCache().get(queryAt === -1 ? path : pageCacheKey(path, new URLSearchParams(url.slice(queryAt + 1))), now);
  if (!page?.etag) return false;
  const encoding = pickEncoding(req.headers['accept-encoding'], { br: !!page.br, gzip: !!page.gzip });
  const body = encoding === 'identity' ? Buffer.from(page.body) : page[encoding]!;
  const etag = encoding === 'identity' ? page.etag : page.etag.replace(/"$/, `-${encoding}"`);
  for (const [name, value] of page.headers) if (!OWN_HEADERS.has(name.toLowerCase())) res.appendHeader(name, value);
  res.setHeader('Cache-Control', cacheControl(page, now));
  res.setHeader('ETag', etag);
  if (page.br || page.gzip) res.setHeader('Vary', 'Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
    res.removeHeader('Content-Length');
    res.writeHead(304).end();
    return true;
  }
  res.setHeader('Content-Length', body.length);
  res.writeHead(page.status);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
