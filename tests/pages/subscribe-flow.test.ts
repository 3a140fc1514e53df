import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { launchBrowser, PHONE } from '../support/browser.ts';
import { linkIn, mailTo } from '../support/email.ts';
import { waitFor } from '../support/wait.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import { startServer, type RunningServer } from '../support/server.ts';

describe('the whole email flow in Chromium on a phone', () => {
  let resend: FakeResend;
  let server: RunningServer;
  let browser: Browser;
  let db: Db;
  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startServer({ RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url });
    browser = await launchBrowser();
    db = createDb(server.databaseUrl);
  });
  afterAll(async () => {
    db.$client.close();
    await browser?.close();
    await server?.stop();
    await resend?.close();
  });
  const statusOf = async (email: string) => (await db.select().from(subscribers).where(eq(subscribers.email, email)))[0]?.status;

  test.each([false, true])('JavaScript %s: sign up, confirm, welcome, one-click unsubscribe, resubscribe', async (javaScriptEnabled) => {
    const address = `flow-${javaScriptEnabled ? 'js' : 'nojs'}@example.com`;
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/subscribe/`);
      expect(await page.locator('.consent').textContent()).toContain('Unsubscribe any time with one click');
      await page.getByLabel('Email address').fill(address);
      await page.getByLabel('First name').fill('Robin');
      await page.waitForTimeout(1_600); // a person takes longer than the minimum fill time
      await page.getByRole('button', { name: 'Sign up' }).click();
      if (javaScriptEnabled) {
        await page.getByText('Almost there! Check your inbox').waitFor();
        expect(new URL(page.url()).pathname).toBe('/subscribe/'); // inline, no reload
      } else {
        await page.waitForURL('**/subscribe/thanks/');
        expect(await page.locator('h1').textContent()).toContain('check your inbox');
      }

      const confirmation = await waitFor(() => mailTo(resend.emails, address)[0]);
      expect(confirmation.html).toContain('Hi Robin,');
      await page.goto(linkIn(confirmation.html!, '/subscribe/confirm?t='));
      expect(await page.locator('h1').textContent()).toBe('One tap to confirm');
      expect(await statusOf(address)).toBe('pending');
      await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
      await page.waitForURL('**/subscribe/confirmed/');
      expect(await statusOf(address)).toBe('confirmed');

      const welcome = await waitFor(() => mailTo(resend.emails, address)[1]);
      expect(welcome.subject).toContain('Welcome');
      const oneClick = welcome.headers!['List-Unsubscribe']!.slice(1, -1);
      const answer = await fetch(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(answer.status).toBe(200);
      expect(await statusOf(address)).toBe('unsubscribed');

      // The same link in the browser: the page says so and offers to come back.
      await page.goto(linkIn(welcome.html!, '/subscribe/unsubscribe?t='));
      expect(await page.locator('h1').textContent()).toBe('You’re unsubscribed');
      await page.getByRole('button', { name: 'Subscribe me again' }).click();
      await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
      expect(await statusOf(address)).toBe('confirmed');
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('heading', { name: 'You’re unsubscribed' }).waitFor();
      expect(await statusOf(address)).toBe('unsubscribed');
      expect(mailTo(resend.emails, address)).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript, a refused address shows its error inline next to the field', async () => {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/subscribe/`);
      await page.getByLabel('Email address').fill('robin@example'); // passes the browser's check, not ours
      await page.waitForTimeout(1_600);
      await page.getByRole('button', { name: 'Sign up' }).click();
      const error = page.locator('#signup-subscribe-page-email-error');
      await expect.poll(() => error.textContent()).toContain('doesn’t look like an email address');
      expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Email address').inputValue()).toBe('robin@example');
      expect(await page.locator('[data-signup-done]').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript, a prebuilt article fetches no token until the visitor starts, then waits out the fill time and signs up', async () => {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    const tokenRequests: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/form-token') && tokenRequests.push(r.url())));
    try {
      await page.goto(`${server.url}/posts/best-paddles-2026/`);
      const form = page.locator('form[data-signup]').first();
      expect(await form.locator('input[name="form_token"]').inputValue()).toBe(''); // built without one
      await page.waitForLoadState('networkidle');
      expect(tokenRequests).toEqual([]);
      // Autofill and an immediate tap: the script waits for the fill time instead of being refused.
      await form.getByLabel('Email address').fill('quick@example.com');
      await form.getByRole('button', { name: 'Sign up' }).click();
      await page.getByText('Almost there! Check your inbox').first().waitFor();
      expect(tokenRequests).toHaveLength(1);
      expect(await statusOf('quick@example.com')).toBe('pending');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript, a prebuilt article\'s form is answered with a form that has a token, and the second press signs up', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/posts/best-paddles-2026/`);
      const form = page.locator('form[data-signup]').first();
      await form.getByLabel('Email address').fill('nojs-article@example.com');
      await form.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL('**/subscribe/');
      expect(await page.locator('[data-error-for="form"]').textContent()).toContain('press “Sign up” again');
      expect(await page.getByLabel('Email address').inputValue()).toBe('nojs-article@example.com');
      expect(await statusOf('nojs-article@example.com')).toBeUndefined();
      await page.waitForTimeout(1_600); // a person reads the message before pressing again
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL('**/subscribe/thanks/');
      expect(await statusOf('nojs-article@example.com')).toBe('pending');
    } finally {
      await context.close();
    }
  });
});
