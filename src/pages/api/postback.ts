// Affiliate network postbacks. The built server answers /api/postback in its wrapper
// (src/server/postback.ts) before Astro, because Astro's checkOrigin refuses form POSTs
// without an Origin header, which is how servers post; this route serves `astro dev`.
import type { APIRoute } from 'astro';
import { handlePostback } from '../../earnings/postback.ts';
import { getDb, getSettings } from '../../platform/server-settings.ts';

export const prerender = false;

export const ALL: APIRoute = ({ request }) => handlePostback(getDb(), getSettings().postbackSecret, request);
