import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDb, type Db } from '../../../db/client.ts';
import { launchBrowser, PHONE } from '../../support/browser.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { startFakeResendBatch, type FakeResendBatch } from '../../support/fake-resend-batch.ts';
import { seedSubscribers } from '../../support/seed-subscribers.ts';
import { seriousViolations } from '../../support/axe.ts';
import { studioLogin } from '../../support/studio.ts';

const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'studio-mail-password';
const NAME = 'november-picks';
let fake: FakeResendBatch;
let sending: RunningServer;
let offline: RunningServer;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  fake = await startFakeResendBatch();
  [sending, offline] = await Promise.all([
    startServer({ STATS_PASSWORD: PASSWORD, RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, EMAIL_FROM: 'maya@kitchenline.example' }),
    startServer({ STATS_PASSWORD: PASSWORD, RESEND_API_KEY: '', EMAIL_FROM: 'maya@kitchenline.example' }),
  ]);
  db = createDb(sending.databaseUrl);
  browser = await launchBrowser();
});
afterAll(async () => {
  if (fake) fake.beforeDeliver = undefined;
  await browser?.close();
  db?.$client.close();
  await Promise.all([sending?.stop(), offline?.stop()]);
  await fake?.close();
});

test('at phone width: preview, confirm, and send to a small list exactly once with live progress, then its status', async () => {
  const emails = await seedSubscribers(db, 5);
  await seedSubscribers(db, 2, 'unsubscribed', 100);
  // Resend holds the batch until the test has seen the send in progress.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  fake.beforeDeliver = () => held;
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    await studioLogin(page, sending.url, PASSWORD, '/studio/newsletters');
    await page.getByText('not sent · 5 would get it').waitFor();
    await page.getByRole('link', { name: NAME }).click();
    const phonePreview = page.frameLocator('iframe[title="Preview at phone width"]');
    await phonePreview.locator('body').filter({ hasText: /\S/ }).waitFor();
    expect(await page.locator('iframe[title="Preview at desktop width"]').getAttribute('width')).toBe('720');
    await page.getByRole('button', { name: 'Send to the list…' }).click();
    // The confirmation names the count; nothing is sent before it is answered.
    await page.getByText('to 5 confirmed subscribers now?').waitFor();
    expect(fake.requests).toHaveLength(0);
    expect(await seriousViolations(page)).toEqual([]);
    // A second tab that got to the confirmation too: both say yes.
    const second = await context.newPage();
    await second.goto(page.url());
    await second.getByRole('button', { name: 'Send to the list…' }).click();
    await Promise.all([page.getByRole('button', { name: 'Yes, send to 5' }).click(), second.getByRole('button', { name: 'Yes, send to 5' }).click()]);
    await page.getByRole('heading', { name: 'Sending…' }).waitFor();
    await page.getByText('0 sent of 5 · 5 waiting').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
    await page.screenshot({ path: '/tmp/perch-studio-newsletter-sending.png' });
    release();
    // The poller sees the send finish and shows the final status without a manual reload.
    await page.getByRole('heading', { name: 'Sent' }).waitFor();
    await page.getByText(/5 sent of 5 · 0 waiting · 0 skipped · 0 refused · finished/).waitFor();
    await page.screenshot({ path: '/tmp/perch-studio-newsletter-sent.png' });
    const to = fake.deliveries.flatMap((d) => d.to).sort();
    expect(to).toEqual([...emails].sort());
    await page.goto(`${sending.url}/studio/newsletters`);
    await page.getByText('sent to 5').waitFor();
  } finally {
    await context.close();
  }
});

test('without a Resend key: the test send goes to the outbox, which the studio lists and shows', async () => {
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    await studioLogin(page, offline.url, PASSWORD, `/studio/newsletters/${NAME}`);
    expect(await page.getByLabel('Send to').inputValue()).toBe('maya@kitchenline.example');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('status').filter({ hasText: 'went to the outbox' }).waitFor();
    // The list send explains what it needs instead of pretending.
    await page.getByText('Sending to your list needs RESEND_API_KEY').waitFor();
    expect(await page.getByRole('button', { name: 'Send to the list…' }).count()).toBe(0);
    await page.goto(`${offline.url}/studio/newsletters`);
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const entry = page.getByRole('link', { name: new RegExp(`${NAME}-test\\.html$`) });
    await expect.poll(() => entry.count(), POLL).toBe(1);
    const response = await page.request.get(`${offline.url}${await entry.getAttribute('href')}`);
    expect(response.headers()['content-security-policy']).toBe('sandbox');
    expect(await response.text()).toContain('/subscribe/unsubscribe');
    expect((await page.request.get(`${offline.url}/studio/outbox/..%2Fperch.db`)).status()).toBe(404);
  } finally {
    await context.close();
  }
});
