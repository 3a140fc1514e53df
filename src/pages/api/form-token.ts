import type { APIRoute } from 'astro';
import { jsonResponse } from '../../platform/http/responses.ts';
import { newFormToken } from '../../subscribers/email-context.ts';
import { MIN_FILL_MS } from '../../subscribers/form-token.ts';

export const prerender = false;

/**
 * GET /api/form-token: a fill-time token for a signup form on a prebuilt page. The form's
 * script asks for one when a visitor starts filling it in, never on page load.
 */
export const GET: APIRoute = async () => jsonResponse(200, { ok: true, token: await newFormToken(), minFillMs: MIN_FILL_MS });
