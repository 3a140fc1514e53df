import { describe, expect, test } from 'vitest';
import { getCountry, getDeviceClass, getReferrerHost } from '../../src/tracking/request-info.ts';
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
