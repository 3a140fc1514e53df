/**
 * Responsive copies of the creator's raster photos, made once per photo (at build) with sharp:
 * AVIF, WebP and a JPEG fallback at several widths, named by the photo's content hash so a
 * changed photo gets new addresses (served with a long cache) and an unchanged one is not
 * encoded again (the copies are kept in a cache folder between builds).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { IMAGE_FORMATS, type ImageEntry, type ImageFormat, type ImageManifest } from './manifest.ts';

/** Where the copies are served from: beside Astro's hashed assets, so the Node adapter sends them with an immutable cache. */
export const VARIANTS_PATH = '/_astro/img/';
/** Widths offered to the browser (never wider than the photo itself). */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600] as const;
const RASTER = /\.(jpe?g|png|webp|avif)$/i;
/** Bump when the encoding settings change, so cached copies are made again. */
const VERSION = 'v1';

const ENCODE: Record<ImageFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 2 }),
  webp: (image) => image.webp({ quality: 72 }),
  jpeg: (image) => image.jpeg({ quality: 75, mozjpeg: true }),
};

/** The widths to make for a photo `width` pixels wide. */
export function widthsFor(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  return widths.length < VARIANT_WIDTHS.length ? [...widths, width] : widths;
}

/**
 * Makes the copies of every raster image under `publicDir/images` into `cacheDir` (only those
 * not made before) and returns the manifest, keyed by the path pages use ("/images/…").
 */
export async function buildImageVariants(publicDir: string, cacheDir: string): Promise<ImageManifest> {
  mkdirSync(cacheDir, { recursive: true });
  const manifest: ImageManifest = {};
  for (const file of listRasterImages(join(publicDir, 'images'))) {
    const key = `/${relative(publicDir, file).split(sep).join('/')}`;
    manifest[key] = await variantsOf(file, cacheDir);
  }
  return manifest;
}

function listRasterImages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => RASTER.test(f))
    .sort()
    .map((f) => join(dir, f));
}

async function variantsOf(file: string, cacheDir: string): Promise<ImageEntry> {
  const input = readFileSync(file);
  const hash = createHash('sha256').update(VERSION).update(input).digest('hex').slice(0, 10);
  const name = basename(file, extname(file)).replace(/[^a-zA-Z0-9_-]+/g, '-');
  const { width, height } = await orientedSize(input);
  const entry: ImageEntry = { width, height, sources: { avif: [], webp: [], jpeg: [] } };
  for (const w of widthsFor(width)) {
    for (const format of IMAGE_FORMATS) {
      const fileName = `${name}-${hash}-${w}.${format === 'jpeg' ? 'jpg' : format}`;
      const target = join(cacheDir, fileName);
      if (!existsSync(target)) await encode(input, w, format, target);
      entry.sources[format].push({ width: w, src: VARIANTS_PATH + fileName });
    }
  }
  return entry;
}

/** The size as shown: phone photos are often stored sideways with an EXIF orientation. */
async function orientedSize(input: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(input).metadata();
  const sideways = (meta.orientation ?? 1) >= 5;
  return sideways ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

async function encode(input: Buffer, width: number, format: ImageFormat, target: string): Promise<void> {
  // rotate() applies the EXIF orientation; sharp drops the metadata (camera, GPS) from the copy.
  const image = sharp(input).rotate().resize({ width, withoutEnlargement: true });
  const temp = `${target}.${process.pid}.tmp`;
  await ENCODE[format](image).toFile(temp);
  renameSync(temp, target); // whole files only: an interrupted build leaves no half-written copy
}

/** Copies the variants named in `manifest` from `cacheDir` into the client output folder. */
export function copyVariants(manifest: ImageManifest, cacheDir: string, clientDir: string): void {
  if (Object.keys(manifest).length === 0) return;
  const outDir = join(clientDir, VARIANTS_PATH.slice(1));
  mkdirSync(outDir, { recursive: true });
  for (const entry of Object.values(manifest)) {
    for (const list of Object.values(entry.sources)) {
      for (const { src } of list) copyFileSync(join(cacheDir, basename(src)), join(outDir, basename(src)));
    }
  }
}
