/**
 * Email clients (Gmail, Outlook) do not show SVG, so emails point an SVG product image at a
 * PNG copy the build renders from it (src/pages/email-images/[...path].png.ts).
 */
export const EMAIL_IMAGES = '/email-images/';

/** The path an email should use for an image under public/: SVG → its PNG copy, others as they are. */
export function emailImagePath(imagePath: string): string {
  if (!/^\/[^?#]+\.svg$/i.test(imagePath)) return imagePath;
  return `${EMAIL_IMAGES}${imagePath.slice(1).replace(/\.svg$/i, '')}.png`;
}
