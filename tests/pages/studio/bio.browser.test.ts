import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE } from '../../support/browser.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { seriousViolations } from '../../support/axe.ts';
import { studioLogin } from '../../support/studio.ts';

/** Waits for a change to show, with room for a busy machine. */
const POLL = { timeout: 10_000, interval: 100 };

const PASSWORD = 'studio-bio-password';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer({ STATS_PASSWORD: PASSWORD });
  browser = await launchBrowser();
  context = await browser.newContext(PHONE);
  context.setDefaultTimeout(12_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The shown bio buttons of /links/ as [entry id, title, placement], fetched fresh (no browser cache). */
async function bioButtons(): Promise<[string, string, string][]> {
  const html = await (await fetch(`${server.url}/links/`)).text();
  return [...html.matchAll(/<a class="link[^"]*" href="([^"]+)"[^>]*data-entry="(\d+)"[^>]*>[\s\S]*?<span class="link-title">([^<]+)<\/span>/g)].map((m) => [
    m[2]!,
    m[3]!.replace(/&amp;/g, '&'),
    new URLSearchParams(m[1]!.replace(/&amp;/g, '&').split('?')[1]).get('pos') ?? '',
  ]);
}

async function save(page: Page, op: { name: string | RegExp } = { name: 'Save changes' }): Promise<void> {
  await page.getByRole('button', op).click();
  await page.waitForLoadState('load');
}

test('at phone width: reorder, schedule, add and remove bio buttons and see /links/ change, placements kept', async () => {
  const page = await context.newPage();
  await studioLogin(page, server.url, PASSWORD, '/studio/bio');
  const before = await bioButtons();
  expect(before.slice(0, 3).map((b) => b[0])).toEqual(['1', '2', '3']);

  // Move "My everyday paddle" (entry 3) up: it swaps with entry 2 and keeps its placement.
  await save(page, { name: 'Move “My everyday paddle” up' });
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await expect.poll(async () => (await bioButtons()).slice(0, 3).map((b) => b[0]), POLL).toEqual(['1', '3', '2']);
  expect((await bioButtons()).find((b) => b[0] === '3')?.[2]).toBe('bio:entry-3');

  // Schedule the first entry for 2030: it leaves the page now.
  await page.locator('#e1-showFrom').fill('2030-01-01T00:00');
  await save(page);
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await expect.poll(async () => (await bioButtons()).map((b) => b[1]), POLL).not.toContain('The best pickleball paddles of 2026');

  // A new button gets the next id; after removing it, the one added next does not reuse it.
  await page.getByText('Add a button').click();
  await page.locator('#new-title').fill('Story deal: court shoes');
  await page.locator('#new-target').selectOption('product:baseline-court-pro-shoe');
  await save(page, { name: 'Add button' });
  await expect.poll(async () => (await bioButtons()).find((b) => b[1] === 'Story deal: court shoes')?.[2], POLL).toBe('bio:entry-9');
  await save(page, { name: 'Remove “Story deal: court shoes”' });
  await expect.poll(async () => (await bioButtons()).map((b) => b[1]), POLL).not.toContain('Story deal: court shoes');
  await page.getByText('Add a button').click();
  await page.locator('#new-title').fill('Story deal, take two');
  await page.locator('#new-target').selectOption('link:vantage-pro-16-direct');
  await save(page, { name: 'Add button' });
  await expect.poll(async () => (await bioButtons()).find((b) => b[1] === 'Story deal, take two')?.[2], POLL).toBe('bio:entry-10');

  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/perch-studio-bio-phone.png' });
  await page.close();
}, 120_000);

test('a schedule that ends before it starts is refused under its field, and nothing changes', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/studio/bio`);
  const shown = await bioButtons();
  await page.locator('#e4-showFrom').fill('2026-12-10T00:00');
  await page.locator('#e4-showUntil').fill('2026-12-01T00:00');
  await save(page);
  expect(await page.locator('#e4-showUntil-error').textContent()).toMatch(/end must come after the start/);
  expect(await page.locator('#e4-showUntil').getAttribute('aria-invalid')).toBe('true');
  expect(await bioButtons()).toEqual(shown);
  await page.close();
}, 60_000);

test('two tabs saving the bio: the second is told its edit was not saved', async () => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(`${server.url}/studio/bio`);
  await b.goto(`${server.url}/studio/bio`);
  await a.locator('#e2-title').fill('Holiday deal (tab A)');
  await save(a);
  await a.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await b.locator('#e2-title').fill('Holiday deal (tab B)');
  await save(b);
  expect(await b.getByRole('alert').textContent()).toMatch(/changed in another tab/);
  expect((await bioButtons()).map((x) => x[1])).toContain('Holiday deal (tab A)');
  await Promise.all([a.close(), b.close()]);
}, 60_000);
