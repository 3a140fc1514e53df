// POST /api/resend-webhook: Resend's signed delivery events → suppressions.
import type { APIRoute } from 'astro';
import { applyResendEvent, verifyResendWebhook } from '../../subscribers/resend-webhook.ts';
import { readText } from '../../platform/http/body.ts';
import { jsonError, jsonResponse } from '../../platform/http/responses.ts';
import { getDb, getSettings } from '../../platform/server-settings.ts';

export const prerender = false;

const MAX_BODY = 256 * 1024;

export const POST: APIRoute = async ({ request }) => {
  const secret = getSettings().resendWebhookSecret;
  if (!secret) return jsonError(404, 'The Resend webhook is off: set RESEND_WEBHOOK_SECRET to the signing secret from Resend.');
  const body = await readText(request, MAX_BODY);
  if (!body.ok) return jsonError(body.status, 'Body too large for a Resend event.');
  const check = verifyResendWebhook(secret, request.headers, body.value);
  if (!check.ok) return jsonError(check.status, check.message);
  return jsonResponse(200, { ok: true, ...(await applyResendEvent(getDb(), check.event)) });
};
