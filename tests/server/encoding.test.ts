import { describe, expect, test } from 'vitest';
import { pickEncoding } from '../../src/server/encoding.ts';

const both = { br: true, gzip: true };
describe('pickEncoding', () => {
  test('br before gzip, none without Accept-Encoding or a copy', () => {
    expect(pickEncoding('gzip, deflate, br', both)).toBe('br');
    expect(pickEncoding('gzip', both)).toBe('gzip');
    expect(pickEncoding(undefined, both)).toBe('identity');
    expect(pickEncoding('br', { br: false, gzip: true })).toBe('identity');
  });

  test('q=0 refuses, * allows', () => {
    expect(pickEncoding('br;q=0, gzip;q=0.5', both)).toBe('gzip');
    expect(pickEncoding('*', both)).toBe('br');
    expect(pickEncoding('*, br;q=0', both)).toBe('gzip');
  });
});
