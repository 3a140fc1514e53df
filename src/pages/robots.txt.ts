// Tracked redirects, the stats page and the API are not pages to index.
import type { APIContext } from 'astro';

export function GET(context: APIContext): Response {
  const sitemap = new URL('/sitemap-index.xml', context.site ?? context.url.origin).href;
  const body = ['User-agent: *', 'Disallow: /go/', 'Disallow: /stats', 'Disallow: /api/', '', `Sitemap: ${sitemap}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
