// The progress poller's view of one newsletter: counts from the send log, so any instance answers.
import type { APIRoute } from 'astro';
import { guardStudio } from '../../../../studio/access.ts';
import { statusJson } from '../../../../studio/studio-newsletters.ts';
import { newsletterStatus } from '../../../../broadcasts/run-broadcast.ts';
import { lastSendProblem } from '../../../../broadcasts/background-send.ts';
import { PRIVATE_HEADERS } from '../../../../auth/page-auth.ts';
import { getDb } from '../../../../platform/server-settings.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const guard = await guardStudio({ request: context.request, cookies: context.cookies, url: context.url, response: { headers: new Headers() } });
  if (!guard.ok) return guard.response;
  const name = context.params.name ?? '';
  const body = statusJson(await newsletterStatus(getDb(), name), lastSendProblem(name));
  return new Response(JSON.stringify(body), { headers: { ...PRIVATE_HEADERS, 'Content-Type': 'application/json' } });
};
