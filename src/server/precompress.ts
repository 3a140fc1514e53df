/**
 * Writes `.br` and `.gz` copies of the built text files (HTML, CSS, JS, SVG, JSON, XML) at
 * the end of `npm run build`, so the server sends them without compressing per request
 * (src/server/static-files.ts). A copy is kept only when it is smaller than the original.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.svg', '.json', '.xml', '.txt', '.webmanifest']);
const MIN_BYTES = 512;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Compresses every eligible file under `dir`; returns how many files got copies. */
export function precompressDir(dir: string): number {
  let count = 0;
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase()) || statSync(file).size < MIN_BYTES) continue;
    const source = readFileSync(file);
    const br = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } });
    const gz = gzipSync(source, { level: 9 });
    if (br.length < source.length) writeFileSync(file + '.br', br);
    if (gz.length < source.length) writeFileSync(file + '.gz', gz);
    count++;
  }
  return count;
}

/** The Astro integration that runs precompressDir over the client build. */
export function precompress() {
  return {
    name: 'perch:precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }: { dir: URL; logger: { info: (m: string) => void } }) => {
        // `dir` is dist/client for a server build.
        const count = precompressDir(new URL(dir).pathname);
        logger.info(`${count} files precompressed (br, gzip)`);
      },
    },
  };
}
