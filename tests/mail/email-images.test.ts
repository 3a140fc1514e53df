import { describe, expect, test } from 'vitest';
import { emailImagePath } from '../../src/mail/email-images.ts';

describe('emailImagePath', () => {
  test('points an SVG under public/ at its PNG copy', () => {
    expect(emailImagePath('/images/products/paddle.svg')).toBe('/email-images/images/products/paddle.png');
    expect(emailImagePath('/images/Paddle.SVG')).toBe('/email-images/images/Paddle.png');
  });

  test('leaves raster images and other addresses as they are', () => {
    expect(emailImagePath('/images/products/paddle.png')).toBe('/images/products/paddle.png');
    expect(emailImagePath('https://cdn.example/paddle.svg')).toBe('https://cdn.example/paddle.svg');
  });
});
