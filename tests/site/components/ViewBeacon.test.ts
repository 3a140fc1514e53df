import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import ViewBeacon from '../../../src/site/components/ViewBeacon.astro';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { launchBrowser, PHONE } from '../../support/browser.ts';

let html: string;
beforeAll(async () => {
  html = await (await AstroContainer.create()).renderToString(ViewBeacon);
});

describe('ViewBeacon', () => {
  test('is one inline script under 1 KB that talks only to this site, without cookies', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1024);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/src=|https?:\/\//);
    expect(html).toContain('navigator');
    expect(html).not.toContain('cookie');
  });

  describe('in Chromium', () => {
    let t: TestDb;
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      t = await createTestDb();
      server = await startServer({ DATABASE_URL: t.url });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      t?.cleanup();
    });

    test('records one view of the page with the page\'s own referrer, and sets no cookie', async () => {
      // Headless Chromium calls itself HeadlessChrome, which is (rightly) filtered as a bot.
      const userAgent = 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
      const context = await browser.newContext({ ...PHONE, userAgent });
      const page = await context.newPage();
      // A stand-in for a real article's path on the real server's origin (views count only for
      // pages the site serves); the beacon itself goes to the real /api/view.
      await page.route(`${server.url}/posts/how-i-test-gear/`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>t</title><h1>Article</h1>${html}` }));
      const sent = page.waitForResponse(`${server.url}/api/view`);
      await page.goto(`${server.url}/posts/how-i-test-gear/`, { referer: 'https://l.instagram.com/' });
      expect((await sent).status()).toBe(204);
      const rows = (await t.db.$client.execute('select path, referrer_host, device from views')).rows;
      expect(rows.map((r) => [r.path, r.referrer_host, r.device])).toEqual([['/posts/how-i-test-gear/', 'l.instagram.com', 'mobile']]);
      expect(await context.cookies()).toEqual([]);
      await context.close();
    });
  });
});
