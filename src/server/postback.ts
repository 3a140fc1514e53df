import type http from 'node:http';
import { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { handlePostback } from '../earnings/postback.ts';

/** True for /api/postback (with or without a trailing slash or query string). */
export function isPostbackPath(url: string | undefined): boolean {
  return /^\/api\/postback\/?(\?|$)/.test(url ?? '');
}

/**
 * Serves /api/postback before Astro: a network's server POSTs form data without an Origin
 * header, which Astro's checkOrigin would refuse with 403. The shared secret is the
 * protection here (no cookies are involved), so the CSRF check has nothing to guard.
 */
export async function servePostback(req: http.IncomingMessage, res: http.ServerResponse, db: Db, secret: string | undefined): Promise<void> {
  try {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(new URL(req.url ?? '/', 'http://localhost'), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: 'half',
    } as RequestInit);
    const response = await handlePostback(db, secret, request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  } catch (error) {
    console.error('postback failed:', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"ok":false,"error":"Could not record the postback"}');
  }
}
