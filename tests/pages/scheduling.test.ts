import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { buildSite, FIXTURE_CONTENT, type SiteBuild } from '../support/site-build.ts';

// A post scheduled for 2099-01-01T09:00:00Z (tests/fixtures/content/posts/future.mdx) on a
// built server whose clock the test sets (tests/support/fake-clock.ts): nothing is rebuilt or
// restarted between the moments asked about.
const PUBLISH = Date.parse('2099-01-01T09:00:00Z');
const root = fileURLToPath(new URL('../..', import.meta.url));
let fixture: SiteBuild;
let server: RunningServer;
let clockDir: string;
const clockFile = () => join(clockDir, 'now');
const setClock = (text: string) => writeFileSync(clockFile(), text);

beforeAll(async () => {
  clockDir = mkdtempSync(join(tmpdir(), 'perch-clock-'));
  setClock(new Date(PUBLISH - 60_000).toISOString());
  fixture = await buildSite(FIXTURE_CONTENT);
  if (!fixture.ok) throw new Error(`fixture build failed:\n${fixture.output}`);
  server = await startServer({ PERCH_FAKE_CLOCK_FILE: clockFile() }, { root: fixture.dir, nodeArgs: ['--import', join(root, 'tests/support/fake-clock.ts')] });
}, 300_000);
afterAll(async () => {
  await server?.stop();
  fixture?.cleanup();
  if (clockDir) rmSync(clockDir, { recursive: true, force: true });
});

const get = (path: string) => fetch(server.url + path);
const text = async (path: string) => (await get(path)).text();

/** Where the post shows, as one line per listing, so a failure says which one disagrees. */
async function everywhere(): Promise<Record<string, boolean>> {
  return {
    article: (await get('/posts/future/')).status === 200,
    tag: (await get('/tags/future-only/')).status === 200,
    home: (await text('/')).includes('href="/posts/future/"'),
    product: (await text('/products/charlie-ball/')).includes('href="/posts/future/"'),
    rss: (await text('/rss.xml')).includes('/posts/future/</link>'),
    sitemap: (await text('/sitemap-0.xml')).includes('/posts/future/</loc>'),
  };
}
const all = (shown: boolean) => ({ article: shown, tag: shown, home: shown, product: shown, rss: shown, sitemap: shown });

describe('a scheduled post', () => {
  test('is hidden everywhere a minute before its time, and no page may be kept past that time', async () => {
    setClock(new Date(PUBLISH - 60_000).toISOString());
    expect(await everywhere()).toEqual(all(false));
    for (const path of ['/', '/rss.xml', '/sitemap-0.xml', '/products/charlie-ball/']) {
      const maxAge = Number(/max-age=(\d+)/.exec((await get(path)).headers.get('cache-control') ?? '')?.[1]);
      expect(maxAge, path).toBeLessThanOrEqual(60);
    }
    // Cached pages stay consistent just before the time.
    setClock(new Date(PUBLISH - 1_000).toISOString());
    expect(await everywhere()).toEqual(all(false));
    const maxAge = Number(/max-age=(\d+)/.exec((await get('/')).headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeLessThanOrEqual(1);
  });

  test('appears on every listing at its time, from the same running server', async () => {
    setClock(new Date(PUBLISH + 30_000).toISOString());
    expect(await everywhere()).toEqual(all(true));
    expect(await text('/posts/future/')).toContain('From the future');
  });

  test('in real time: with the clock running from 8 s before, it appears within a minute of its time', async () => {
    setClock(new Date(PUBLISH - 60_000).toISOString());
    expect((await everywhere()).home).toBe(false);
    const shift = PUBLISH - 8_000 - Date.now();
    setClock(`+${shift}`);
    const serverNow = () => Date.now() + shift;
    expect((await get('/posts/future/')).status).toBe(404);
    const deadline = Date.now() + 90_000;
    let seenAt: number | undefined;
    while (Date.now() < deadline) {
      if ((await get('/posts/future/')).status === 200) {
        seenAt = serverNow();
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(seenAt, 'the post never appeared').toBeDefined();
    expect(seenAt!).toBeGreaterThanOrEqual(PUBLISH);
    expect(seenAt! - PUBLISH).toBeLessThan(60_000);
    expect(await everywhere()).toEqual(all(true));
  });
});
