// The bio page's QR code as a static SVG, generated at build time from the site URL, for
// print and stage use. Black on white with a quiet zone: what scanners read most reliably.
import type { APIRoute } from 'astro';
import QRCode from 'qrcode';
import { loadBio } from '../../bio/load-bio.ts';

export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  // Resolving the bio content here makes a bio entry that points at an unknown product
  // fail the build, rather than the first request to /links/.
  await loadBio();
  const url = new URL('/links/', site).href;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};
