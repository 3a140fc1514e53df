import { describe, expect, test } from 'vitest';
import { themeCss } from '../../src/bio/bio-theme.ts';
import { contrastRatio } from '../../src/bio/color.ts';

function vars(css: string): Record<string, string> {
  return Object.fromEntries([...css.matchAll(/--([a-z-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
}

describe('themeCss', () => {
  test('auto scheme: light rules plus a dark media query using accentDark', () => {
    const css = themeCss({ accent: '#0f766e', accentDark: '#5eead4', scheme: 'auto' });
    expect(css).toMatch(/^:root\{color-scheme:light;.*--accent:#0f766e/);
    expect(css).toContain('@media (prefers-color-scheme:dark){:root{color-scheme:dark;');
    expect(css).toContain('--accent:#5eead4');
  });
  test('a fixed scheme gives only that palette', () => {
    expect(themeCss({ accent: '#0f766e', scheme: 'dark' })).not.toContain('color-scheme:light');
    expect(themeCss({ accent: '#0f766e', scheme: 'light' })).not.toContain('color-scheme:dark');
  });
  test('every text/background pair keeps AA contrast, even with a pale accent', () => {
    for (const scheme of ['light', 'dark'] as const) {
      const v = vars(themeCss({ accent: '#fde68a', scheme }));
      expect(contrastRatio(v['on-accent'], v.accent)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(v['accent-text'], v.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(v.text, v.bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(v.muted, v.surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(v.muted, v.bg)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
