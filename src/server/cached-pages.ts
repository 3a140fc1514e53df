/**
 * Answers the pages the SSR bundle has rendered and cached (src/site/page-cache.ts) before the
 * request reaches Astro: the stored br/gzip copy as the browser accepts it, an ETag (304 on a
 * match), and a max-age that never outlives the next scheduled change. A miss (or a page past
 * its time) falls through to Astro, which renders and stores it again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheControl, isCachedPage, pageCacheKey, sharedPageCache } from '../site/page-cache.ts';
import { matchesEtag, pickEncoding } from './encoding.ts';

export function serveCachedPage(req: IncomingMessage, res: ServerResponse, now = Date.now()): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!isCachedPage(path)) return false;
  const page = sharedPageCache().get(queryAt === -1 ? path : pageCacheKey(path, new URLSearchParams(url.slice(queryAt + 1))), now);
  if (!page?.etags) return false;
  const encoding = pickEncoding(req.headers['accept-encoding'], { br: !!page.br, gzip: !!page.gzip });
  const body = encoding === 'identity' ? Buffer.from(page.body) : page[encoding]!;
  const etag = page.etags[encoding];
  for (const [name, value] of page.headers) res.appendHeader(name, value);
  res.setHeader('Cache-Control', cacheControl(page, now));
  res.setHeader('ETag', etag);
  if (page.br || page.gzip) res.setHeader('Vary', 'Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.removeHeader('Content-Length');
    res.writeHead(304).end();
    return true;
  }
  res.setHeader('Content-Length', body.length);
  res.writeHead(page.status);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
