import { describe, expect, test } from 'vitest';
import { contrastRatio, ensureContrast, mix, textColorOn } from '../../src/bio/color.ts';

describe('contrastRatio', () => {
  test('matches the WCAG extremes and a known pair', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('textColorOn', () => {
  test('white on dark accents, near-black on light ones', () => {
    expect(textColorOn('#0f766e')).toBe('#ffffff');
    expect(textColorOn('#f5c518')).toBe('#111827');
  });
  test('always reaches AA for any grey', () => {
    for (let v = 0; v <= 255; v += 5) {
      const hex = `#${v.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(textColorOn(hex), hex)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('ensureContrast', () => {
  test('keeps a colour that already reads', () => {
    expect(ensureContrast('#0f766e', '#ffffff')).toBe('#0f766e');
  });
  test('darkens a light accent on white and lightens a dark one on black until AA', () => {
    const onWhite = ensureContrast('#f5c518', '#ffffff');
    expect(onWhite).not.toBe('#f5c518');
    expect(contrastRatio(onWhite, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const onDark = ensureContrast('#0f766e', '#161d1f');
    expect(contrastRatio(onDark, '#161d1f')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('mix', () => {
  test('blends between base and colour', () => {
    expect(mix('#ffffff', '#000000', 0)).toBe('#000000');
    expect(mix('#ffffff', '#000000', 1)).toBe('#ffffff');
    expect(mix('#ffffff', '#000000', 0.5)).toBe('#808080');
  });
});
