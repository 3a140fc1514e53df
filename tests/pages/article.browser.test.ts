import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { launchBrowser, PHONE } from '../support/browser.ts';
import { crawlPages } from '../support/dist.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { buildSite, FIXTURE_CONTENT, type SiteBuild } from '../support/site-build.ts';

// Pages render on demand: the first one after a start, and every page of the crawl, take
// seconds each on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000 });

// A follower on a 360 px phone: the fixture article (every component) and every page of the
// demo build must fit the screen, and a buy button must send them to the tracked /go/ URL.
let fixture: SiteBuild;
let fixtureServer: RunningServer;
let demoServer: RunningServer;
let browser: Browser;

beforeAll(async () => {
  fixture = await buildSite(FIXTURE_CONTENT);
  if (!fixture.ok) throw new Error(`fixture build failed:\n${fixture.output}`);
  [fixtureServer, demoServer, browser] = await Promise.all([startServer({}, { root: fixture.dir }), startServer(), launchBrowser()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await fixtureServer?.stop();
  await demoServer?.stop();
  fixture?.cleanup();
});

/** A phone context that never leaves the machine: merchant sites answer with a stub page. */
async function phone(): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>merchant</p>' }));
  return context;
}

const overflow = () => document.scrollingElement!.scrollWidth;

describe('article on a phone', () => {
  test('nothing overflows horizontally and a buy button opens the tracked /go/ link', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${fixtureServer.url}/posts/all-components/`);
    expect(await page.evaluate(overflow)).toBeLessThanOrEqual(PHONE.viewport.width);
    const disclosure = await page.locator('[data-disclosure]').boundingBox();
    const button = page.locator('a.buy').first();
    expect(disclosure!.y).toBeLessThan((await button.boundingBox())!.y);
    const request = page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/go/'));
    await button.tap();
    const url = new URL((await request).url());
    expect(url.pathname).toBe('/go/alpha-amazon');
    expect(url.searchParams.get('src')).toBe('/posts/all-components/');
    expect(url.searchParams.get('pos')).toBe('top-pick:alpha-paddle');
    await context.close();
  });

  test('every page of the demo build fits a 360 px screen', async () => {
    const context = await phone();
    const page = await context.newPage();
    const paths = (await crawlPages(demoServer.url)).map((p) => p.path.replace(/404\.html$/, 'no-such-page/'));
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(demoServer.url + path);
      const width = await page.evaluate(overflow);
      if (width > PHONE.viewport.width) wide.push(`${path} (${width}px)`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});
