// Writes the content's pages into the build (dist/client/_perch/content-pages.json): every
// article that is or will be public, its tags, and every product. Those pages are rendered
// per request (scheduled posts appear on time), so the build's own page list cannot name
// them; /api/view counts views of these paths and of the built pages only
// (src/tracking/served-pages.ts). The server answers /_perch/* with 404.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteContent } from '../../site/site-content.ts';
import { groupByTag } from '../../site/posts.ts';

export const prerender = true;

export const getStaticPaths = (() => [{ params: { perch: '_perch' } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const { scheduled, catalog } = await getSiteContent();
  const paths = [
    '/products/',
    ...scheduled.map((p) => `/posts/${p.id}/`),
    ...[...groupByTag(scheduled).keys()].map((tag) => `/tags/${tag}/`),
    ...[...catalog.products.keys()].map((id) => `/products/${id}/`),
  ];
  return new Response(JSON.stringify({ paths }), { headers: { 'Content-Type': 'application/json' } });
};
