import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

/**
 * A phone-like photo: by default a 4000×3000 JPEG of about 4 MB (detail noise over a gradient, which
 * compresses like a real photo rather than a flat colour), written to `file`.
 */
export async function writePhonePhoto(file: string, options: { orientation?: number; width?: number; height?: number } = {}): Promise<void> {
  const { width = 4000, height = 3000 } = options;
  mkdirSync(dirname(file), { recursive: true });
  const noise = sharp({ create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 28 } } });
  const image = sharp(await noise.png({ compressionLevel: 0 }).toBuffer()).blur(0.6).jpeg({ quality: 88 });
  await (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).toFile(file);
}
