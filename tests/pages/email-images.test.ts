import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { emailImagePath } from '../../src/mail/email-images.ts';

const root = new URL('../../', import.meta.url).pathname;

describe('email images in the build', () => {
  test('every SVG product image has a 192 px PNG copy in dist/client', async () => {
    const images = readdirSync(join(root, 'content/products'))
      .map((file) => parse(readFileSync(join(root, 'content/products', file), 'utf8')).image as string)
      .filter((image) => image.endsWith('.svg'));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const file = join(root, 'dist/client', emailImagePath(image));
      expect(existsSync(file), file).toBe(true);
      const meta = await sharp(file).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 192, 192]);
    }
  });
});
