import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { createDb, type Db } from '../../../db/client.ts';
import { studioLinks } from '../../../db/schema/studio.ts';
import { launchBrowser, PHONE } from '../../support/browser.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { seriousViolations } from '../../support/axe.ts';
import { startMerchant, studioLogin, waitForIslands } from '../../support/studio.ts';
import { PEOPLE } from '../../support/user-agents.ts';

/** Waits for a change to show, with room for a busy machine. */
const POLL = { timeout: 10_000, interval: 100 };

const PASSWORD = 'studio-links-password';
let server: RunningServer;
let merchant: Awaited<ReturnType<typeof startMerchant>>;
let browser: Browser;
let context: BrowserContext;
let db: Db;

beforeAll(async () => {
  merchant = await startMerchant();
  server = await startServer({ STATS_PASSWORD: PASSWORD });
  db = createDb(server.databaseUrl);
  browser = await launchBrowser();
  // A person's phone (a headless user agent would be filtered as a bot, and not get a click id).
  context = await browser.newContext({ ...PHONE, userAgent: PEOPLE[0]!.ua });
  // A step that cannot happen fails with its own message, well inside the test's time.
  context.setDefaultTimeout(12_000);
});
afterAll(async () => {
  await browser?.close();
  db?.$client.close();
  await server?.stop();
  await merchant?.close();
});

test('at phone width: log in, create a short link that works at /go/ at once, edit it and see the redirect change', async () => {
  const page = await context.newPage();
  await studioLogin(page, server.url, PASSWORD);
  await waitForIslands(page);
  await page.getByText('New tracked link').click();
  await page.getByLabel('Destination').fill(`${merchant.url}/paddles/Spring-Sale?aff=maya`);
  // The island suggests a free short name and names the shop from the address.
  await expect.poll(() => page.getByLabel('Short name').inputValue(), POLL).toBe('spring-sale');
  await page.getByLabel('Short name').fill('story-sale');
  await page.getByLabel('Shop').fill('Paddle Shop');
  await page.getByRole('button', { name: 'Create link' }).click();
  await page.getByRole('status').filter({ hasText: 'Live now' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/perch-studio-links-phone.png' });

  // No rebuild, no restart: the running server redirects the new slug.
  await page.goto(`${server.url}/go/story-sale?src=/links/&pos=story`);
  await page.getByRole('heading', { name: /Merchant page \/paddles\/Spring-Sale\?aff=maya/ }).waitFor();

  await page.goto(`${server.url}/studio/links`);
  await page.getByRole('link', { name: '/go/story-sale' }).click();
  await waitForIslands(page);
  await page.getByLabel('Destination').fill(`${merchant.url}/paddles/Winter-Sale`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`${server.url}/go/story-sale`);
  await page.getByRole('heading', { name: /Merchant page \/paddles\/Winter-Sale/ }).waitFor();
  await page.close();
}, 120_000);

test('a destination that is not http(s) or a slug that exists is refused next to its field, and nothing is stored', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/studio/links`);
  const before = (await db.select().from(studioLinks)).length;
  await waitForIslands(page);
  await page.getByText('New tracked link').click();
  await page.getByLabel('Destination').fill('javascript:alert(document.cookie)');
  await page.getByLabel('Short name').fill('vantage-pro-16-amazon');
  await page.getByLabel('Shop').fill('Evil');
  await page.getByRole('button', { name: 'Create link' }).click();
  await page.locator('#url-error').waitFor();
  expect(await page.locator('#url-error').textContent()).toMatch(/https:\/\//);
  await expect.poll(() => page.getByLabel('Destination').getAttribute('aria-invalid'), POLL).toBe('true');
  await waitForIslands(page);

  await page.getByLabel('Destination').fill(`${merchant.url}/x`);
  await page.getByLabel('Short name').fill('vantage-pro-16-amazon');
  await page.getByRole('button', { name: 'Create link' }).click();
  await page.locator('#slug-error').waitFor();
  expect(await page.locator('#slug-error').textContent()).toMatch(/already a link/);
  expect((await db.select().from(studioLinks)).length).toBe(before);
  await page.close();
}, 120_000);

test('a content link can be paused in the studio (it falls back to its product page) and reverted to the file', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/studio/links/vantage-pro-16-amazon`);
  await waitForIslands(page);
  await page.getByLabel(/Paused/).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Changed in the studio').waitFor();
  const paused = await fetch(`${server.url}/go/vantage-pro-16-amazon`, { redirect: 'manual' });
  expect(paused.headers.get('location')).toBe('/products/vantage-pro-16/');
  await page.getByRole('button', { name: 'Revert to the content file' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  const back = await fetch(`${server.url}/go/vantage-pro-16-amazon`, { redirect: 'manual' });
  expect(back.headers.get('location')).toMatch(/^https:\/\/www\.amazon\.com\//);
  await page.close();
}, 120_000);
