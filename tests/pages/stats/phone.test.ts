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
