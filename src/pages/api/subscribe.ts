import type { APIRoute } from 'astro';
import { jsonError, jsonResponse } from '../../platform/http/responses.ts';
import { signupFromRequest } from '../../subscribers/email-context.ts';

export const prerender = false;

/** The signup form's enhanced path: same rules as /subscribe/, answered as JSON. */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const outcome = await signupFromRequest(request, clientAddress);
  if (outcome.ok) return jsonResponse(200, { ok: true });
  const retry: Record<string, string> = outcome.retryAfterSeconds ? { 'retry-after': String(outcome.retryAfterSeconds) } : {};
  const first = outcome.errors.form ?? Object.values(outcome.errors)[0] ?? 'The signup could not be accepted.';
  return jsonError(outcome.status, first, { errors: outcome.errors }, retry);
};
