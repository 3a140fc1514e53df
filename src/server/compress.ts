/**
 * On-the-fly br/gzip for what Astro renders per request (the bio page, forms, stats, 404s),
 * through the `compression` middleware: text types only (HTML, CSS, JS, SVG, JSON, XML),
 * bodies from 1 KB, brotli at quality 4 (fast; the build's own files are precompressed at 11).
 */
import compression from 'compression';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Next = () => void;

export function createCompressor(): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const middleware = compression({ threshold: 1024 });
  return (req, res, next) => middleware(req as never, res as never, next);
}
