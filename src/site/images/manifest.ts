/**
 * What the build knows about each raster photo (src/site/images/variants.ts), and how a page
 * turns it into a `<picture>`: sources per format, a JPEG fallback, the photo's own size.
 */
export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export interface ImageVariant {
  width: number;
  src: string;
}

export interface ImageEntry {
  /** The photo's size as shown (after its EXIF orientation). */
  width: number;
  height: number;
  sources: Record<ImageFormat, ImageVariant[]>;
}

export type ImageManifest = Record<string, ImageEntry>;

/** `srcset` text for one format's variants. */
export function srcsetOf(variants: ImageVariant[]): string {
  return variants.map((v) => `${v.src} ${v.width}w`).join(', ');
}

/** The variant closest to (and at least) `width` pixels wide, else the widest: a single-URL fallback. */
export function variantFor(variants: ImageVariant[], width: number): ImageVariant {
  return variants.find((v) => v.width >= width) ?? variants[variants.length - 1];
}

/** The path a link preview or JSON-LD should use for an image: a 1200-wide JPEG copy of a photo. */
export function shareImageOf(manifest: ImageManifest, path: string | undefined): string | undefined {
  const entry = path ? manifest[path] : undefined;
  return entry ? variantFor(entry.sources.jpeg, 1200).src : undefined;
}
