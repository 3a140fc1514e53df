// PNG copies of the SVG product images, for emails (see src/mail/email-images.ts). Rendered
// once at build time with sharp, at twice the size emails show them (96 px).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import sharp from 'sharp';
import { EMAIL_IMAGES, emailImagePath } from '../../mail/email-images.ts';
import { getSiteContent } from '../../site/site-content.ts';

export const getStaticPaths = (async () => {
  const { catalog } = await getSiteContent();
  const svgs = new Set([...catalog.products.values()].map((p) => p.data.image).filter((image) => emailImagePath(image) !== image));
  return [...svgs].map((image) => ({
    params: { path: emailImagePath(image).slice(EMAIL_IMAGES.length).replace(/\.png$/, '') },
    props: { image },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  // Built from the project root (the bundled page no longer sits next to public/).
  const svg = await readFile(join(process.cwd(), 'public', props.image));
  const png = await sharp(svg, { density: 300 }).resize(192, 192, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
