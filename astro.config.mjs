// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import bioAsHome from './src/bio/bio-as-home.mjs';

const port = Number(process.env.PORT ?? 4321);

export default defineConfig({
  // The configured site; SITE_URL overrides it where a public URL is needed at run time (emails).
  site: process.env.SITE_URL ?? `http://localhost:${port}`,
  output: 'static',
  // Our own server (src/server/main.ts) wraps the adapter's handler so /go/ is answered first.
  adapter: node({ mode: 'standalone' }),
  integrations: [
    mdx(),
    react(),
    bioAsHome(),
    sitemap({ filter: (page) => !/\/(go|stats|api|subscribe\/(confirm|unsubscribe))\b/.test(new URL(page).pathname) }),
  ],
  // Content collections must be visible to vitest (astro issue 12836).
  cacheDir: './.astro',
  // Perch sets no cookies but the stats login's own; Astro sessions stay off.
  session: false,
  server: { port, host: process.env.HOST ?? 'localhost' },
  image: { responsiveStyles: true },
  env: {
    schema: {
      // Secret access only so it is read when the server starts, not baked in at build time.
      SITE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      RESEND_API_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      RESEND_BASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      EMAIL_FROM: envField.string({ context: 'server', access: 'secret', optional: true }),
      STATS_PASSWORD: envField.string({ context: 'server', access: 'secret', optional: true }),
      POSTBACK_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
      RESEND_WEBHOOK_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
    },
  },
});
