import type { APIRoute } from 'astro';
import { getClient, getDb } from '../../platform/server-settings.ts';
import { recordView } from '../../tracking/views.ts';
import { readText } from '../../platform/http/body.ts';
import { BODY_LIMITS } from '../../platform/http/limits.ts';
import { textResponse } from '../../platform/http/responses.ts';

export const prerender = false;

/** POST /api/view: the page-view beacon (src/site/components/ViewBeacon.astro). Answers 204, no cookie. */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const text = await readText(request, BODY_LIMITS['/api/view']);
  if (!text.ok) return textResponse(text.status, text.message);
  let body: unknown;
  try {
    body = JSON.parse(text.value);
  } catch {
    return textResponse(400, 'The body must be JSON like {"p":"/posts/example/","r":"https://example.com/"}.');
  }
  const header = (name: string) => request.headers.get(name);
  // The same client IP as /go/ uses (forwarded headers only from a trusted proxy), so a
  // reader's views and clicks hash to the same visitor.
  const outcome = await recordView(getDb(), { method: request.method, header, ip: getClient(request, clientAddress).ip, body });
  if (outcome.kind === 'invalid') return textResponse(400, outcome.message);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
};
