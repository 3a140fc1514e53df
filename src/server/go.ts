/**
 * The /go/<slug> hot path, answered before Astro's router: look the slug up in the catalog,
 * classify the hit, hand a counted click to the recorder without waiting, answer 302.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { classifyHit, type HeaderReader } from '../tracking/bots.ts';
import type { ClickRecorder } from '../tracking/clicks.ts';
import { memoize } from '../platform/memo.ts';
import { parseLinkCatalog, type LinkCatalog } from '../tracking/link-catalog.ts';
import { getGoSlug, newClickId, parseClickOrigin, resolveDestination, withSubId } from '../tracking/redirect.ts';
import { getCountry, getDeviceClass, getReferrerHost } from '../tracking/request-info.ts';
import { clientInfo, type TrustSettings } from '../platform/http/client-address.ts';

export interface GoAssets {
  catalog: LinkCatalog;
  notFoundHtml: string;
}

const BUILT_IN_404 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>This link does not exist</h1><p>It may have been mistyped or retired.</p><p><a href="/">Go to the home page</a></p></body></html>`;

/** Reads the catalog and the 404 page from the client build (dist/client). */
export function loadGoAssets(clientDir: string, log: (m: string) => void = console.error): GoAssets {
  const catalogFile = join(clientDir, '_perch/links.json');
  const pageFile = join(clientDir, '404.html');
  let catalog: LinkCatalog = { links: {} };
  if (existsSync(catalogFile)) catalog = parseLinkCatalog(readFileSync(catalogFile, 'utf8'));
  else log(`No link catalog at ${catalogFile}: every /go/ link will answer 404. Rebuild with \`npm run build\`.`);
  return { catalog, notFoundHtml: existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : BUILT_IN_404 };
}

/** Returns a handler that answers /go/ requests and returns false for anything else. */
export function createGoHandler(assets: GoAssets, recorder: ClickRecorder, trust: TrustSettings = { trustProxy: [] }, now: () => Date = () => new Date()) {
  return function handleGo(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    if (!pathname.startsWith('/go/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Links under /go/ only answer GET.\n');
      return true;
    }
    const slug = getGoSlug(pathname);
    const at = now();
    const destination = slug ? resolveDestination(assets.catalog, slug, at) : null;
    if (!slug || !destination) return serveNotFound(req, res, assets), true;
    const header: HeaderReader = (name) => headerValue(req.headers[name]);
    const reason = classifyHit(req.method, header);
    let location = destination.kind === 'page' ? destination.path : destination.link.url;
    if (reason) {
      recorder.countFiltered(slug, reason, at);
    } else {
      const id = newClickId();
      if (destination.kind === 'merchant') location = withSubId(destination.link, id);
      recordClick(req, header, recorder, trust, { id, slug, at, query: queryAt === -1 ? '' : url.slice(queryAt + 1) });
    }
    // A flat header list skips Node's per-object header bookkeeping on the hottest response.
    res.writeHead(302, ['Location', location, 'Cache-Control', 'no-store', 'X-Robots-Tag', 'noindex', 'Content-Length', '0']).end();
    return true;
  };
}

// A site's own links repeat the same few hundred query strings and user agents.
const originOf = memoize((query) => parseClickOrigin(new URLSearchParams(query)));
const deviceOf = memoize(getDeviceClass);
// In-app browsers send the same few referrers (l.instagram.com, t.co): no URL parsed per click.
const referrerOf = memoize(getReferrerHost);
// Waiting clicks share one string per agent, not one per request: less for the collector to copy.
const agentOf = memoize((userAgent) => userAgent);

function recordClick(req: IncomingMessage, header: HeaderReader, recorder: ClickRecorder, trust: TrustSettings, click: { id: string; slug: string; at: Date; query: string }): void {
  const userAgent = agentOf(header('user-agent') ?? '');
  const origin = originOf(click.query);
  recorder.recordClick({
    id: click.id,
    createdAt: click.at,
    linkSlug: click.slug,
    source: origin.source,
    placement: origin.placement,
    referrerHost: referrerOf(header('referer') ?? ''),
    device: deviceOf(userAgent),
    country: getCountry(header),
    ip: clientInfo(req, trust).ip,
    userAgent,
  });
}

/** The site's 404 page, as for any unknown address. */
export function serveNotFound(req: IncomingMessage, res: ServerResponse, assets: GoAssets): void {
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
  res.end(req.method === 'HEAD' ? undefined : assets.notFoundHtml);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
