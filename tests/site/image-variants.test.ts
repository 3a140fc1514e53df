import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildImageVariants, copyVariants, VARIANTS_PATH } from '../../src/site/images/variants.ts';
import { shareImageOf, srcsetOf, type ImageManifest } from '../../src/site/images/manifest.ts';
import { writePhonePhoto } from '../support/photos.ts';

// Encoding a 12-megapixel photo twelve times takes a while on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000 });

let dir: string;
let publicDir: string;
let cacheDir: string;
let manifest: ImageManifest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-images-'));
  publicDir = join(dir, 'public');
  cacheDir = join(dir, 'cache');
  await writePhonePhoto(join(publicDir, 'images/posts/phone.jpg'));
  await writePhonePhoto(join(publicDir, 'images/products/sideways.jpg'), { orientation: 6, width: 1200, height: 900 });
  manifest = await buildImageVariants(publicDir, cacheDir);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('responsive copies of a 4 MB phone photo', () => {
  test('the fixture photo is what a phone makes: 4000×3000, about 4 MB', async () => {
    const file = join(publicDir, 'images/posts/phone.jpg');
    expect(await sharp(file).metadata()).toMatchObject({ width: 4000, height: 3000, format: 'jpeg' });
    expect(statSync(file).size).toBeGreaterThan(3_500_000);
  });

  test('AVIF, WebP and JPEG at 480, 800, 1200 and 1600 px, each really that format and width, far smaller', async () => {
    const entry = manifest['/images/posts/phone.jpg'];
    expect(entry).toMatchObject({ width: 4000, height: 3000 });
    for (const [format, variants] of Object.entries(entry.sources)) {
      expect(variants.map((v) => v.width), format).toEqual([480, 800, 1200, 1600]);
      for (const v of variants) {
        expect(v.src.startsWith(VARIANTS_PATH)).toBe(true);
        const file = join(cacheDir, v.src.slice(VARIANTS_PATH.length));
        const meta = await sharp(file).metadata();
        expect(meta.format === 'heif' ? 'avif' : meta.format, v.src).toBe(format);
        expect(meta).toMatchObject({ width: v.width, height: Math.round((v.width * 3) / 4) });
        expect(meta.exif, `${v.src} carries no camera metadata`).toBeUndefined();
      }
    }
    // What a phone at 360 px × 2 downloads: the 800 px AVIF, a small fraction of the original.
    const phoneCopy = entry.sources.avif.find((v) => v.width === 800)!;
    expect(statSync(join(cacheDir, phoneCopy.src.slice(VARIANTS_PATH.length))).size).toBeLessThan(250_000);
    expect(srcsetOf(entry.sources.webp)).toMatch(/^\/_astro\/img\/phone-[0-9a-f]{10}-480\.webp 480w, .* 1600w$/);
  });

  test('a photo stored sideways (EXIF orientation 6) is turned upright, and never enlarged', async () => {
    const entry = manifest['/images/products/sideways.jpg'];
    expect(entry).toMatchObject({ width: 900, height: 1200 });
    expect(entry.sources.avif.map((v) => v.width)).toEqual([480, 800, 900]);
    const v = entry.sources.jpeg[0];
    expect(await sharp(join(cacheDir, v.src.slice(VARIANTS_PATH.length))).metadata()).toMatchObject({ width: 480, height: 640 });
  });

  test('link previews get the 1200 px JPEG; an SVG or unknown path gets none', () => {
    expect(shareImageOf(manifest, '/images/posts/phone.jpg')).toMatch(/-1200\.jpg$/);
    expect(shareImageOf(manifest, '/images/avatar.svg')).toBeUndefined();
    expect(shareImageOf(manifest, undefined)).toBeUndefined();
  });

  test('a second build reuses the copies (same names, files not written again) and copies them into the output', async () => {
    const before = readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]);
    expect(await buildImageVariants(publicDir, cacheDir)).toEqual(manifest);
    expect(readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs])).toEqual(before);
    const client = join(dir, 'client');
    copyVariants(manifest, cacheDir, client);
    expect(readdirSync(join(client, VARIANTS_PATH.slice(1))).sort()).toEqual(before.map(([f]) => f).sort());
  });
});
