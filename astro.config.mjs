// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';
import bioAsHome from './src/bio/bio-as-home.mjs';
import servedPages from './src/tracking/served-pages-integration.mjs';
import responsiveImages from './src/site/images/integration.ts';
import { readSettings } from './src/platform/settings.ts';
import { precompress } from './src/server/precompress.ts';

const settings = readSettings();

export default defineConfig({
  // The configured site; SITE_URL overrides it where a public URL is needed at run time (emails).
  site: settings.siteUrl,
  output: 'static',
  // Our own server (src/server/main.ts) wraps the adapter's handler so /go/ is answered first.
  adapter: node({ mode: 'standalone' }),
  integrations: [
    mdx(),
    react(),
    bioAsHome(settings.contentDir),
    responsiveImages(),
    servedPages(),
    // Last, so the sitemap and every other written file get their .br/.gz copies.
    precompress(),
  ],
  // Content collections must be visible to vitest (astro issue 12836).
  cacheDir: './.astro',
  // Perch sets no cookies but the stats login's own; Astro sessions stay off.
  session: false,
  // src/middleware.ts checks the Origin of form posts instead, knowing the proxy's protocol.
  security: { checkOrigin: false },
  server: { port: settings.port, host: settings.host },
  image: { responsiveStyles: true },
  // When this build was made: the sitemap's lastmod for pages without a date of their own.
  vite: { define: { 'import.meta.env.PERCH_BUILT_AT': JSON.stringify(new Date().toISOString()) } },
});
