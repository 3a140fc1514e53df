import type { APIRoute } from 'astro';
import { getClient, getDb } from '../../platform/server-settings.ts';
import { recordView } from '../../tracking/views.ts';
import { readLimitedText } from '../../platform/http/request-body.ts';

export const prerender = false;

// The beacon sends about 100 bytes; anything much larger is not our beacon.
const MAX_BODY_BYTES = 4096;

/** POST /api/view: the page-view beacon (src/site/components/ViewBeacon.astro). Answers 204, no cookie. */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  if (text === null) return plain(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return plain(400, 'The body must be JSON like {"p":"/posts/example/","r":"https://example.com/"}.');
  }
  const header = (name: string) => request.headers.get(name);
  // The same client IP as /go/ uses (forwarded headers only from a trusted proxy), so a
  // reader's views and clicks hash to the same visitor.
  const outcome = await recordView(getDb(), { method: request.method, header, ip: getClient(request, clientAddress).ip, body });
  if (outcome.result === 'invalid') return plain(400, outcome.message);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
};

function plain(status: number, message: string): Response {
  return new Response(message + '\n', { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
