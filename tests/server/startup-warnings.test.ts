import { describe, expect, test } from 'vitest';
import { startupWarnings } from '../../src/server/startup-warnings.ts';

describe('startupWarnings', () => {
  test('production with an http SITE_URL on a public host warns, naming the fix', () => {
    const [warning] = startupWarnings({ siteUrl: 'http://maya.example', production: true, trustProxy: ['loopback'] });
    expect(warning).toMatch(/plain http on a public host[\s\S]*SITE_URL=https:\/\/maya\.example/);
  });

  test('local addresses, development and https with a trusted proxy say nothing', () => {
    expect(startupWarnings({ siteUrl: 'http://localhost:4321', production: true, trustProxy: [] })).toEqual([]);
    expect(startupWarnings({ siteUrl: 'http://127.0.0.1:8080', production: true, trustProxy: [] })).toEqual([]);
    expect(startupWarnings({ siteUrl: 'http://maya.example', production: false, trustProxy: [] })).toEqual([]);
    expect(startupWarnings({ siteUrl: 'https://maya.example', production: true, trustProxy: ['loopback'] })).toEqual([]);
  });

  test('https without TRUST_PROXY in production explains what a proxy will look like', () => {
    expect(startupWarnings({ siteUrl: 'https://maya.example', production: true, trustProxy: [] })[0]).toMatch(/TRUST_PROXY=loopback/);
  });
});
