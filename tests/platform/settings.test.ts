import { describe, expect, test } from 'vitest';
import { parseSettings } from '../../src/platform/settings.ts';

describe('parseSettings', () => {
  test('defaults to port 4321, localhost and the embedded database', () => {
    const s = parseSettings({});
    expect(s.port).toBe(4321);
    expect(s.host).toBe('localhost');
    expect(s.siteUrl).toBe('http://localhost:4321');
    expect(s.databaseUrl).toBe('file:.data/perch.db');
    expect(s.resendApiKey).toBeUndefined();
    expect(s.resendWebhookSecret).toBeUndefined();
    expect(s.resendRateLimit).toBe(2);
    expect(s.trustProxy).toEqual([]);
    expect(s.production).toBe(false);
  });

  test('TRUST_PROXY: none, keywords, addresses and CIDRs; anything else stops with the accepted forms', () => {
    expect(parseSettings({ TRUST_PROXY: 'none' }).trustProxy).toEqual([]);
    expect(parseSettings({ TRUST_PROXY: 'loopback,10.0.0.0/8, ::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => parseSettings({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: "yes" is not an address/);
    expect(parseSettings({ NODE_ENV: 'production' }).production).toBe(true);
  });

  test('reads the webhook secret and the broadcast rate limit', () => {
    const s = parseSettings({ RESEND_WEBHOOK_SECRET: 'whsec_abc', RESEND_RATE_LIMIT: '10' });
    expect(s.resendWebhookSecret).toBe('whsec_abc');
    expect(s.resendRateLimit).toBe(10);
    expect(parseSettings({ RESEND_RATE_LIMIT: 'fast' }).resendRateLimit).toBeNaN();
  });

  test('checks link health unless LINK_HEALTH=off, every LINK_HEALTH_EVERY seconds', () => {
    expect(parseSettings({})).toMatchObject({ linkHealth: true, linkHealthEvery: 20 });
    expect(parseSettings({ LINK_HEALTH: 'OFF', LINK_HEALTH_EVERY: '5' })).toMatchObject({ linkHealth: false, linkHealthEvery: 5 });
  });

  test('honours the environment and trims a trailing slash from SITE_URL', () => {
    const s = parseSettings({ PORT: '8080', HOST: '0.0.0.0', SITE_URL: 'https://maya.example/', DATABASE_URL: 'libsql://x.turso.io', DATABASE_AUTH_TOKEN: 't' });
    expect(s).toMatchObject({ port: 8080, host: '0.0.0.0', siteUrl: 'https://maya.example', databaseUrl: 'libsql://x.turso.io', databaseAuthToken: 't' });
  });

  test('treats blank values as unset and falls back to the configured site', () => {
    const s = parseSettings({ RESEND_API_KEY: '  ', SITE_URL: '' }, 'https://configured.example');
    expect(s.resendApiKey).toBeUndefined();
    expect(s.siteUrl).toBe('https://configured.example');
  });
});
