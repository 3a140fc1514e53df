/**
 * Serves the built files of dist/client before Astro: the precompressed `.br`/`.gz` copy the
 * build wrote (src/server/precompress.ts) when the browser accepts it, one-year `immutable`
 * caching for hashed assets (`/_astro/`) on GET and HEAD alike, and ETag/Last-Modified
 * validators (304) for everything else. Files are indexed once at start; bodies are streamed.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesEtag, pickEncoding } from './encoding.ts';

interface Variant {
  file: string;
  size: number;
}

interface StaticFile {
  type: string;
  etag: string;
  modified: string;
  immutable: boolean;
  variants: { identity: Variant; br?: Variant; gzip?: Variant };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif',
  '.gif': 'image/gif', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json', '.pdf': 'application/pdf',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0, must-revalidate';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Indexes dist/client: URL path → file with its compressed variants. */
export function indexStaticFiles(clientDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const all = new Set(walk(clientDir));
  for (const file of all) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    const path = '/' + relative(clientDir, file).split(sep).join('/');
    if (path.startsWith('/_perch/')) continue;
    const stat = statSync(file);
    const variant = (suffix: string) => (all.has(file + suffix) ? { file: file + suffix, size: statSync(file + suffix).size } : undefined);
    const entry: StaticFile = {
      type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`,
      modified: stat.mtime.toUTCString(),
      immutable: path.startsWith('/_astro/'),
      variants: { identity: { file, size: stat.size }, br: variant('.br'), gzip: variant('.gz') },
    };
    files.set(path, entry);
    if (path.endsWith('/index.html')) {
      const dir = path.slice(0, -'index.html'.length);
      files.set(dir, entry);
      if (dir !== '/') files.set(dir.slice(0, -1), entry);
    }
  }
  return files;
}

/** Returns a handler that answers GET/HEAD for a built file and returns false otherwise. */
export function createStaticHandler(files: Map<string, StaticFile>) {
  return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    let path = queryAt === -1 ? url : url.slice(0, queryAt);
    try {
      path = decodeURI(path);
    } catch {
      return false;
    }
    const entry = files.get(path);
    if (!entry) return false;
    const encoding = pickEncoding(req.headers['accept-encoding'], { br: !!entry.variants.br, gzip: !!entry.variants.gzip });
    const body = entry.variants[encoding] ?? entry.variants.identity;
    const headers: Record<string, string | number> = {
      'Content-Type': entry.type,
      'Cache-Control': entry.immutable ? IMMUTABLE : REVALIDATE,
      ETag: encoding === 'identity' ? entry.etag : entry.etag.replace(/"$/, `-${encoding}"`),
      'Last-Modified': entry.modified,
      Vary: 'Accept-Encoding',
    };
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    if (isFresh(req, headers.ETag as string, entry.modified)) {
      res.writeHead(304, headers).end();
      return true;
    }
    headers['Content-Length'] = body.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(body.file).on('error', () => res.destroy()).pipe(res);
    return true;
  };
}

function isFresh(req: IncomingMessage, etag: string, modified: string): boolean {
  const match = req.headers['if-none-match'];
  if (match) return matchesEtag(match, etag);
  const since = req.headers['if-modified-since'];
  return !!since && Date.parse(since) >= Date.parse(modified);
}
