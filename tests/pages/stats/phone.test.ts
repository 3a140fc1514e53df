import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../../support/db.ts';
import type { RunningServer } from '../../support/server.ts';
import { launchBrowser, PHONE } from '../../support/browser.ts';
import { startSeededStats } from '../../support/stats-fixture.ts';

const PASSWORD = 'phone-password';
let t: TestDb;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ t, server } = await startSeededStats(PASSWORD));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  t?.cleanup();
});

test('at phone width: log in with the form, read the totals and chart without sideways scrolling, log out', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${server.url}/stats`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForSelector('[data-total="views"]');
  await page.getByRole('link', { name: '7 days' }).click();
  await page.waitForURL(/period=7/);
  expect(await page.locator('[data-total="views"] .value').textContent()).toBe('5');
  expect(await page.locator('svg[role="img"]').count()).toBe(3);
  // The page itself never scrolls sideways; wide tables scroll inside their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
  const cookie = (await context.cookies()).find((c) => c.name === 'perch_stats');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/stats' });
  await page.screenshot({ path: '/tmp/perch-stats-phone.png', fullPage: true });
  await page.screenshot({ path: '/tmp/perch-stats-phone-top.png' });
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForSelector('input[type="password"]');
  await context.close();
});

/** Tables (or their row cards) wider than their box, and how far the page itself scrolls sideways. */
async function overflow(page: import('playwright-core').Page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll('table')].filter((t) => t.scrollWidth > (t.parentElement as HTMLElement).clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth + 1).map((t) => t.dataset.table ?? t.className),
    cells: [...document.querySelectorAll('td, th')].filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > window.innerWidth + 1).length,
  }));
}

test('every table reads without sideways scrolling at 360 px (row cards) and shows every column at 1,280 px; chart values show on tap', async () => {
  const cookie = await (await import('../../support/stats-fixture.ts')).logIn(server.url, PASSWORD);
  const [name, value] = cookie.cookie!.split('=');
  for (const [viewport, scheme] of [[PHONE, 'light'], [PHONE, 'dark'], [{ viewport: { width: 1280, height: 900 } }, 'light'], [{ viewport: { width: 1280, height: 900 } }, 'dark']] as const) {
    const context = await browser.newContext({ ...viewport, colorScheme: scheme });
    try {
      await context.addCookies([{ name: name!, value: value!, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/stats?period=30`);
      await page.waitForSelector('[data-step="views"]');
      expect(await page.locator('table').count()).toBeGreaterThan(8);
      expect(await overflow(page), `${viewport.viewport.width} px ${scheme}`).toEqual({ page: 0, tables: [], cells: 0 });
      if (viewport.viewport.width === 360) {
        // A row card: the label of a number is readable next to it.
        const label = await page.locator('table[data-table="articles"] td[data-key="ctr"]').first().evaluate((td) => getComputedStyle(td, '::before').content);
        expect(label).toBe('"CTR"');
      } else {
        expect(await page.locator('table[data-table="articles"] thead th').first().isVisible()).toBe(true);
      }
      // Tapping the first bar of a chart panel shows that day's values in the readout.
      const svg = page.locator('.trend svg').first();
      await svg.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      const box = (await svg.boundingBox())!;
      await page.mouse.click(box.x + 2, box.y + box.height / 2);
      await expect.poll(() => page.locator('.trend .readout strong').textContent()).toBe(new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
      await page.screenshot({ path: `/tmp/perch-stats-${viewport.viewport.width}-${scheme}.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }
}, 180_000);
