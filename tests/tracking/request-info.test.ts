import { describe, expect, test } from 'vitest';
import { getClientIp, getCountry, getDeviceClass, getReferrerHost } from '../../src/tracking/request-info.ts';
import { PEOPLE } from '../support/user-agents.ts';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('getDeviceClass', () => {
  test.each(PEOPLE)('$name is $device', ({ ua, device }) => {
    expect(getDeviceClass(ua)).toBe(device);
  });
});

describe('getReferrerHost', () => {
  test('keeps only the host, lower-cased, without www', () => {
    expect(getReferrerHost('https://WWW.Instagram.com/p/abc?igsh=1')).toBe('instagram.com');
    expect(getReferrerHost('android-app://com.zhiliaoapp.musically/')).toBe('com.zhiliaoapp.musically');
  });

  test('is null when missing or not a URL', () => {
    expect(getReferrerHost(undefined)).toBeNull();
    expect(getReferrerHost('not a url')).toBeNull();
  });
});

describe('getCountry', () => {
  test('reads the first trusted proxy header with a two-letter code', () => {
    expect(getCountry(headers({ 'cf-ipcountry': 'de' }))).toBe('DE');
    expect(getCountry(headers({ 'x-vercel-ip-country': 'US' }))).toBe('US');
  });

  test('ignores unknown (XX), Tor (T1) and malformed values', () => {
    expect(getCountry(headers({ 'cf-ipcountry': 'XX' }))).toBeNull();
    expect(getCountry(headers({ 'cf-ipcountry': 'T1' }))).toBeNull();
    expect(getCountry(headers({ 'x-country-code': 'Germany' }))).toBeNull();
  });
});

describe('getClientIp', () => {
  test('prefers the CDN header, then X-Real-IP, then the last X-Forwarded-For hop', () => {
    expect(getClientIp(headers({ 'cf-connecting-ip': '198.51.100.7', 'x-real-ip': '10.0.0.1' }), '10.0.0.2')).toBe('198.51.100.7');
    expect(getClientIp(headers({ 'x-real-ip': '198.51.100.8' }), '10.0.0.2')).toBe('198.51.100.8');
    expect(getClientIp(headers({ 'x-forwarded-for': '1.2.3.4, 198.51.100.9' }), '10.0.0.2')).toBe('198.51.100.9');
  });

  test('falls back to the socket address', () => {
    expect(getClientIp(headers({}), '::1')).toBe('::1');
  });
});
