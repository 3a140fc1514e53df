import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

const noise = (width: number, height: number, sigma: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma } } }).png({ compressionLevel: 0 }).toBuffer();

/**
 * A phone-like photo (PNG when `file` ends in .png), by default a 4000×3000 JPEG of about 4–5 MB, written to `file`: detail at
 * two scales (coarse shapes that survive downscaling, fine grain that does not), so its
 * resized copies weigh what a real photo's do rather than a flat colour's.
 */
export async function writePhonePhoto(file: string, options: { orientation?: number; width?: number; height?: number } = {}): Promise<void> {
  const { width = 4000, height = 3000 } = options;
  mkdirSync(dirname(file), { recursive: true });
  const coarse = await sharp(await noise(Math.ceil(width / 4), Math.ceil(height / 4), 30))
    .resize(width, height, { kernel: 'cubic' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const photo = sharp(coarse).composite([{ input: await noise(width, height, 12), blend: 'soft-light' }]);
  const image = file.endsWith('.png') ? photo.png() : photo.jpeg({ quality: 90 });
  await (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).toFile(file);
}
