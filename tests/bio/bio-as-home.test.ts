import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { buildSite, FIXTURE_CONTENT, type SiteBuild } from '../support/site-build.ts';

const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

describe('bioAsHome: true in the profile', () => {
  let site: SiteBuild;
  let server: RunningServer;
  beforeAll(async () => {
    site = await buildSite(FIXTURE_CONTENT, (content) => {
      appendFileSync(join(content, 'profile.yaml'), '\nbioAsHome: true\n');
      // One entry whose window is already open, one that opens in 2099: the home page must
      // choose per request, as /links/ does.
      writeFileSync(
        join(content, 'bio.yaml'),
        'entries:\n  - title: Open now\n    link: alpha-amazon\n    showFrom: 2020-01-01\n  - title: Not yet\n    link: alpha-amazon\n    showFrom: 2099-01-01\npicks: [alpha-paddle]\n',
      );
    });
    if (!site.ok) throw new Error(site.output);
    server = await startServer({}, { root: site.dir });
  });
  afterAll(async () => {
    await server?.stop();
    site?.cleanup();
  });

  test('the home page is the bio page, rendered per request rather than at build', async () => {
    expect(existsSync(join(site.dir, 'dist/client/index.html'))).toBe(false);
    const html = await (await fetch(`${server.url}/`, { headers: { 'user-agent': PHONE_UA } })).text();
    expect(html).toContain('Open now');
    expect(html).not.toContain('Not yet');
    // Its buttons are counted as coming from the home page.
    expect(html).toMatch(/href="\/go\/alpha-amazon\?src=%2F&amp;pos=bio%3Aentry-1"/);
  });

  test('the bio page itself stays at /links/', async () => {
    const res = await fetch(`${server.url}/links/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Open now');
  });
});
