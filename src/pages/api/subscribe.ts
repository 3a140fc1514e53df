import type { APIRoute } from 'astro';
import { getEmailContext } from '../../subscribers/email-context.ts';
import { readFormBody } from '../../platform/http/form-body.ts';
import { MAX_FORM_BYTES } from '../../subscribers/signup-input.ts';
import { handleSignup } from '../../subscribers/signup.ts';
import { getClient } from '../../platform/server-settings.ts';

export const prerender = false;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });

/** The signup form's enhanced path: same rules as /subscribe/, answered as JSON. */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const body = await readFormBody(request, MAX_FORM_BYTES);
  if (!body.ok) return json(body.status, { ok: false, errors: { form: body.message } });
  const ctx = await getEmailContext();
  const outcome = await handleSignup(body.form, { db: ctx.db, sender: ctx.sender, links: ctx.links, ...ctx.limiters, clientAddress: getClient(request, clientAddress).ip, onQueued: ctx.worker.wake });
  if (outcome.ok) return json(200, { ok: true });
  const retry: Record<string, string> = outcome.retryAfterSeconds ? { 'retry-after': String(outcome.retryAfterSeconds) } : {};
  return json(outcome.status, { ok: false, errors: outcome.errors }, retry);
};
