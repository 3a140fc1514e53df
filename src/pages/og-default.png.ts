// The default share image (Open Graph / Twitter), drawn from the profile at build time so a
// new site gets a branded preview without designing one. sharp turns the SVG into a PNG,
// since link previews do not show SVG.
import sharp from 'sharp';
import { getSiteContent } from '../site/site-content.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.slice(0, maxLines);
}

export async function GET(): Promise<Response> {
  const { profile } = await getSiteContent();
  // Long names get a smaller size so they stay inside the 1200 px card.
  const nameSize = Math.min(76, Math.floor(1900 / Math.max(profile.name.length, 1)));
  const tagline = wrap(profile.tagline, 40, 3)
    .map((line, i) => `<text x="96" y="${380 + i * 58}" font-size="44" fill="#ffffff" fill-opacity="0.9">${escape(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
    <rect width="1200" height="630" fill="${profile.theme.accent}"/>
    <circle cx="1060" cy="120" r="260" fill="#ffffff" fill-opacity="0.08"/>
    <circle cx="1130" cy="560" r="180" fill="#000000" fill-opacity="0.08"/>
    <g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
      <text x="96" y="270" font-size="${nameSize}" font-weight="700" fill="#ffffff">${escape(profile.name)}</text>
      ${tagline}
    </g>
    <rect x="96" y="300" width="120" height="8" rx="4" fill="#ffffff"/>
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
