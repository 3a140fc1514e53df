/**
 * Astro integration: makes the responsive copies of the photos under public/images once, when
 * the build (or the dev server) starts, and gives pages their manifest as the module
 * `virtual:perch-images`. Pages rendered on demand then only read the manifest: no image is
 * ever transformed per request (astro:assets' /_image endpoint is not used).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildImageVariants, copyVariants, VARIANTS_PATH } from './variants.ts';
import type { ImageManifest } from './manifest.ts';

const MODULE = 'virtual:perch-images';
const RESOLVED = `\0${MODULE}`;

export default function responsiveImages(): AstroIntegration {
  let manifest: Promise<ImageManifest> = Promise.resolve({});
  let cacheDir = '';
  return {
    name: 'perch:responsive-images',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, logger }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'perch-images');
        const started = Date.now();
        manifest = buildImageVariants(fileURLToPath(config.publicDir), cacheDir).then((m) => {
          logger.info(`${Object.keys(m).length} photo(s) ready in responsive sizes (${Date.now() - started} ms)`);
          return m;
        });
        updateConfig({
          vite: {
            plugins: [{
              name: 'perch:responsive-images',
              resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
              load: async (id) => (id === RESOLVED ? `export default ${JSON.stringify(await manifest)};` : undefined),
            }],
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        // The dev server answers the copies from the cache folder.
        server.middlewares.use((req, res, next) => {
          const path = req.url?.split('?')[0] ?? '';
          const file = path.startsWith(VARIANTS_PATH) ? join(cacheDir, path.slice(VARIANTS_PATH.length)) : '';
          if (!file || file.includes('..') || !existsSync(file)) return next();
          res.end(readFileSync(file));
        });
      },
      'astro:build:done': async ({ dir }) => {
        copyVariants(await manifest, cacheDir, fileURLToPath(dir));
      },
    },
  };
}
