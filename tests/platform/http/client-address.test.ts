import { describe, expect, test } from 'vitest';
import { resolveClient } from '../../../src/platform/http/client-address.ts';
import { parseTrustProxy } from '../../../src/platform/settings.ts';

const headers = (h: Record<string, string>) => (name: string) => h[name];
const trust = (value: string) => ({ trustProxy: parseTrustProxy(value) });
const spoof = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', 'x-real-ip': '203.0.113.8', 'cf-connecting-ip': '203.0.113.7' };

describe('resolveClient', () => {
  test('without TRUST_PROXY every forwarded header is ignored', () => {
    expect(resolveClient('198.51.100.1', false, headers(spoof), trust(''))).toEqual({ ip: '198.51.100.1', protocol: 'http' });
    expect(resolveClient('127.0.0.1', false, headers(spoof), trust('none'))).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  });

  test('a trusted loopback proxy gives the forwarded client and protocol', () => {
    expect(resolveClient('127.0.0.1', false, headers(spoof), trust('loopback'))).toEqual({ ip: '203.0.113.9', protocol: 'https' });
    expect(resolveClient('::ffff:127.0.0.1', false, headers(spoof), trust('loopback')).ip).toBe('203.0.113.9');
    expect(resolveClient('::1', false, headers(spoof), trust('loopback')).ip).toBe('203.0.113.9');
  });

  test('a peer outside the list is not believed, even when others are trusted', () => {
    expect(resolveClient('198.51.100.1', false, headers(spoof), trust('loopback, 10.0.0.0/8'))).toEqual({ ip: '198.51.100.1', protocol: 'http' });
  });

  test('X-Forwarded-For: the right-most hop that is not a trusted proxy; what the client claimed is skipped', () => {
    const h = headers({ 'x-forwarded-for': '1.1.1.1, 203.0.113.5, 10.0.0.7' });
    expect(resolveClient('10.0.0.2', false, h, trust('10.0.0.0/8')).ip).toBe('203.0.113.5');
    expect(resolveClient('10.0.0.2', false, headers({ 'x-forwarded-for': '10.0.0.9' }), trust('private')).ip).toBe('10.0.0.9');
    expect(resolveClient('10.0.0.2', false, headers({ 'x-real-ip': '203.0.113.4' }), trust('10.0.0.2')).ip).toBe('203.0.113.4');
  });

  test('cloudflare trusts CF-Connecting-IP from Cloudflare edges only', () => {
    expect(resolveClient('172.70.1.1', false, headers(spoof), trust('cloudflare')).ip).toBe('203.0.113.7');
    expect(resolveClient('2606:4700::1', false, headers(spoof), trust('cloudflare')).ip).toBe('203.0.113.7');
    expect(resolveClient('198.51.100.1', false, headers(spoof), trust('cloudflare')).ip).toBe('198.51.100.1');
  });

  test('an encrypted socket is https, a junk X-Forwarded-Proto changes nothing', () => {
    expect(resolveClient('127.0.0.1', true, headers({}), trust('')).protocol).toBe('https');
    expect(resolveClient('127.0.0.1', false, headers({ 'x-forwarded-proto': 'gopher' }), trust('loopback')).protocol).toBe('http');
  });
});

describe('parseTrustProxy', () => {
  test('refuses words it does not know, with the accepted forms', () => {
    expect(() => parseTrustProxy('loopback, everyone')).toThrow(/"everyone" is not an address.*cloudflare/);
    expect(parseTrustProxy(' Loopback ,192.168.1.10 ')).toEqual(['loopback', '192.168.1.10']);
  });
});
