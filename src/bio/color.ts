/**
 * Colour arithmetic for creator-chosen accent colours: the bio page must stay readable
 * (WCAG AA, 4.5:1) whatever hex a creator puts in their profile.
 */

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Near-white or near-black, whichever reads better as text on `background`; pure black or
 * white for mid-tones where neither reaches 4.5:1 (one of those always does).
 */
export function textColorOn(background: string, light = '#ffffff', dark = '#111827'): string {
  const best = contrastRatio(light, background) >= contrastRatio(dark, background) ? light : dark;
  if (contrastRatio(best, background) >= 4.5) return best;
  return contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000';
}

/**
 * `color` itself when it already reaches `min` contrast against `background`; otherwise the
 * same hue mixed towards black or white (whichever side the background is not) just far
 * enough to reach it.
 */
export function ensureContrast(color: string, background: string, min = 4.5): string {
  if (contrastRatio(color, background) >= min) return color;
  const target: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const from = parseHex(color);
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = toHex(from.map((c, i) => c + (target[i] - c) * t) as Rgb);
    if (contrastRatio(mixed, background) >= min) return mixed;
  }
  return toHex(target);
}

/** `color` mixed with `base` by `amount` (0 = base, 1 = color): tints for backgrounds. */
export function mix(color: string, base: string, amount: number): string {
  const a = parseHex(color);
  const b = parseHex(base);
  return toHex(b.map((c, i) => c + (a[i] - c) * amount) as Rgb);
}
