// Writes the link catalog into the build (dist/client/_perch/links.json) for the server's
// /go/ handler, which reads it once at start-up. The server answers /_perch/* with 404.
// (A folder named "_perch" would be ignored by Astro's router, hence the one-value param.)
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { getSiteContent } from '../../site/site-content.ts';
import { buildLinkCatalog } from '../../tracking/link-catalog.ts';
import { loadBio } from '../../bio/load-bio.ts';

export const prerender = true;

export const getStaticPaths = (() => [{ params: { perch: '_perch' } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  // Resolving the bio content here makes a bio entry that points at an unknown product fail
  // the build, rather than the first request to /links/.
  await loadBio();
  const products = (await getCollection('products')).map((p) => ({ id: p.id, links: p.data.links }));
  const bio = (await getCollection('bio'))[0]?.data.entries ?? [];
  // A broken link table must stop the build, not send followers nowhere: the content checks
  // (duplicate slugs, fallbacks to nowhere) throw here, naming the file and the field.
  await getSiteContent();
  const catalog = buildLinkCatalog(products, bio);
  return new Response(JSON.stringify(catalog), { headers: { 'Content-Type': 'application/json' } });
};
