// POST /api/resend-webhook: Resend's signed delivery events → suppressions.
import type { APIRoute } from 'astro';
import { applyResendEvent, forgetMessage, rememberMessage, verifyResendWebhook } from '../../subscribers/resend-webhook.ts';
import { readText } from '../../platform/http/body.ts';
import { BODY_LIMITS } from '../../platform/http/limits.ts';
import { jsonError, jsonResponse } from '../../platform/http/responses.ts';
import { getDb, getSettings } from '../../platform/server-settings.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const secret = getSettings().resendWebhookSecret;
  if (!secret) return jsonError(404, 'The Resend webhook is off: set RESEND_WEBHOOK_SECRET to the signing secret from Resend.');
  const body = await readText(request, BODY_LIMITS['/api/resend-webhook']);
  if (!body.ok) return jsonError(body.status, 'Body too large for a Resend event.');
  const check = verifyResendWebhook(secret, request.headers, body.value);
  if (!check.ok) return jsonError(check.status, check.message);
  const db = getDb();
  if (!(await rememberMessage(db, check.messageId))) {
    return jsonError(409, `This event (${check.messageId}) was already received; it is not applied twice.`);
  }
  try {
    return jsonResponse(200, { ok: true, ...(await applyResendEvent(db, check.event)) });
  } catch (error) {
    await forgetMessage(db, check.messageId);
    throw error;
  }
};
