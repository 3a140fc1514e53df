// POST /api/resend-webhook: Resend's signed delivery events → suppressions.
import type { APIRoute } from 'astro';
import { applyResendEvent, verifyResendWebhook } from '../../subscribers/resend-webhook.ts';
import { getDb, getSettings } from '../../platform/server-settings.ts';

export const prerender = false;

const MAX_BODY = 256 * 1024;

const answer = (status: number, body: object) => Response.json(body, { status });

export const POST: APIRoute = async ({ request }) => {
  const secret = getSettings().resendWebhookSecret;
  if (!secret) return answer(404, { error: 'The Resend webhook is off: set RESEND_WEBHOOK_SECRET to the signing secret from Resend.' });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return answer(413, { error: 'Body too large for a Resend event.' });
  const body = await request.text();
  if (body.length > MAX_BODY) return answer(413, { error: 'Body too large for a Resend event.' });
  const check = verifyResendWebhook(secret, request.headers, body);
  if (!check.ok) return answer(check.status, { error: check.message });
  return answer(200, { ok: true, ...(await applyResendEvent(getDb(), check.event)) });
};
