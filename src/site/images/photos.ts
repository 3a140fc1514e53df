// The build's photo manifest, for pages and components.
import manifest from 'virtual:perch-images';
import { shareImageOf, type ImageEntry } from './manifest.ts';

/** The responsive copies of a photo under public/, or undefined (SVG, or not a known photo). */
export function photoOf(path: string): ImageEntry | undefined {
  return manifest[path];
}

/** A raster image link previews and JSON-LD can use for `path`: a JPEG copy of a photo, else undefined. */
export function sharePhoto(path: string | undefined): string | undefined {
  return shareImageOf(manifest, path);
}
