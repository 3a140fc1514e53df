/**
 * Turns the profile's theme (accent colours, light/dark preference) into CSS custom
 * properties whose text/background pairs all keep WCAG AA contrast.
 */
import { ensureContrast, mix, textColorOn } from './color.ts';
import type { Profile } from '../site/content-schemas.ts';

const LIGHT = { bg: '#f6f7f7', surface: '#ffffff', text: '#111827', muted: '#4b5563', line: '#d9dee3' };
const DARK = { bg: '#0c1112', surface: '#161d1f', text: '#e8ecee', muted: '#a3adb5', line: '#2c3638' };

function palette(base: typeof LIGHT, accent: string): string {
  const vars = {
    bg: mix(accent, base.bg, 0.07),
    surface: base.surface,
    text: base.text,
    muted: base.muted,
    line: base.line,
    accent,
    'on-accent': textColorOn(accent),
    // The accent used as text (links, prices) must read on the card surface too.
    'accent-text': ensureContrast(accent, base.surface),
    'accent-soft': mix(accent, base.surface, 0.12),
  };
  return Object.entries(vars)
    .map(([k, v]) => `--${k}:${v}`)
    .join(';');
}

/** `:root` rules for the profile's scheme: light, dark, or both following the visitor's setting. */
export function themeCss(theme: Profile['theme']): string {
  const light = `:root{color-scheme:light;${palette(LIGHT, theme.accent)}}`;
  const dark = `:root{color-scheme:dark;${palette(DARK, theme.accentDark ?? theme.accent)}}`;
  if (theme.scheme === 'light') return light;
  if (theme.scheme === 'dark') return dark;
  return `${light}@media (prefers-color-scheme:dark){${dark}}`;
}
