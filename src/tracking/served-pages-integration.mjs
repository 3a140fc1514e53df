// Writes the list of pages the site serves into the build (dist/client/_perch/pages.json):
// every prerendered page's path and the pattern of every page rendered per request without
// parameters (the content's pages, rendered per request, are listed by their paths in
// _perch/content-pages.json, so a made-up /posts/x/ is not one). The
// server reads it at start-up so /api/view counts views of real pages only
// (src/tracking/served-pages.ts). The server answers /_perch/* with 404.
import { mkdirSync, writeFileSync } from 'node:fs';

/** @returns {import('astro').AstroIntegration} */
export default function servedPages() {
  /** @type {string[]} */
  let dynamic = [];
  return {
    name: 'perch:served-pages',
    hooks: {
      'astro:routes:resolved': ({ routes }) => {
        dynamic = routes.filter((r) => r.type === 'page' && !r.isPrerendered && r.origin === 'project' && r.params.length === 0).map((r) => r.patternRegex.source);
      },
      'astro:build:done': ({ pages, dir }) => {
        const paths = pages.map((p) => `/${p.pathname}`.replace(/\/{2,}/g, '/')).filter((p) => !/^\/(404|500)\/?$/.test(p));
        const folder = new URL('_perch/', dir);
        mkdirSync(folder, { recursive: true });
        writeFileSync(new URL('pages.json', folder), JSON.stringify({ paths, patterns: dynamic }));
      },
    },
  };
}
