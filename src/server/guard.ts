/**
 * The first thing every request meets in the Node wrapper: odd methods, unreadable targets,
 * hidden paths and oversized bodies are answered here, with a short 4xx a person can
 * read, before any route or Astro sees them. Returns true when it answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLimitFor } from '../platform/http/limits.ts';
import { parseTarget } from './request-target.ts';

const ALLOWED = 'GET, HEAD, POST';
/** First path segments that are never public: build data for the server, framework endpoints Perch does not use. */
const HIDDEN_ROOTS = new Set(['_perch', '_image', '_server-islands', '_actions', 'dist', 'node_modules']);

/** Whether a decoded, normalised path is one the public must not reach (answered like any unknown page). */
export function isHiddenPath(path: string): boolean {
  const lower = path.toLowerCase();
  // Most paths (every /go/ link) have none of the marks: skip the split.
  if (!lower.includes('/_') && !lower.includes('/.') && !lower.startsWith('/dist') && !lower.startsWith('/node_modules')) return false;
  const segments = lower.split('/').filter(Boolean);
  if (segments.length && HIDDEN_ROOTS.has(segments[0]!)) return true;
  // Dot folders and files: the data folder (.data), .env, .git…
  return segments.some((s) => s.startsWith('.') && s !== '.well-known');
}

export function createRequestGuard(notFound: (req: IncomingMessage, res: ServerResponse) => void) {
  return function guard(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method ?? '';
    if (method === 'OPTIONS') return answer(res, 204, '', { Allow: ALLOWED });
    // PUT, DELETE, PATCH, TRACE, WebDAV's PROPFIND…: a 405, never a 5xx (a 501 would count as a server error).
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return answer(res, 405, `This site does not answer ${method} requests.`, { Allow: ALLOWED });
    const target = parseTarget(req.url);
    if (!target.ok) return answer(res, 400, target.message);
    req.url = target.url;
    if (isHiddenPath(target.path)) return notFound(req, res), true;
    if (method === 'POST') return refuseBody(req, res, target.path);
    return false;
  };
}

/** A POST to a path that takes none (405), or one declaring more than its route's limit (413, unread). */
function refuseBody(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (path.startsWith('/go/')) return false; // /go/ answers its own 405
  const limit = bodyLimitFor(path);
  if (limit === null) return answer(res, 405, 'This address does not accept posted data.', { Allow: 'GET, HEAD' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(declared) || declared <= limit) return false;
  // The body is not read: close the connection instead of draining it.
  return answer(res, 413, `That request was too large to accept (more than ${Math.round(limit / 1024)} KB). Please shorten what you sent.`, { Connection: 'close' });
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', ...headers });
  res.end(text ? `${text}\n` : undefined);
  return true;
}

/**
 * CONNECT never reaches the request handler (Node hands it to 'connect' and otherwise drops
 * the socket without a word): answer it 405 like the other unused methods.
 */
export function refuseConnect(socket: { end: (data: string) => void }): void {
  const text = 'This site does not answer CONNECT requests.\n';
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}
