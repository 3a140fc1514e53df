// The bio page's QR code as an SVG, for print and stage use, pointing at SITE_URL as the
// server runs with it (drawn once per address, then remembered). Black on white with a quiet
// zone: what scanners read most reliably.
import type { APIRoute } from 'astro';
import QRCode from 'qrcode';
import { getSettings } from '../../platform/server-settings.ts';

export const prerender = false;

const drawn = new Map<string, Promise<string>>();

export const GET: APIRoute = async () => {
  const url = `${getSettings().siteUrl}/links/`;
  let svg = drawn.get(url);
  if (!svg) drawn.set(url, (svg = QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })));
  return new Response(await svg, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' } });
};
