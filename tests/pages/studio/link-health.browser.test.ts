import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDb, type Db } from '../../../db/client.ts';
import { linkHealth } from '../../../db/schema/link-health.ts';
import { createLink } from '../../../src/studio/studio-links.ts';
import { parseLinkCatalog } from '../../../src/tracking/link-catalog.ts';
import { launchBrowser, PHONE } from '../../support/browser.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { seriousViolations } from '../../support/axe.ts';
import { startMerchant, studioLogin } from '../../support/studio.ts';
import { PATIENCE_MS } from '../../support/wait.ts';

const PASSWORD = 'studio-health-password';
let server: RunningServer;
let merchant: Awaited<ReturnType<typeof startMerchant>>;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  merchant = await startMerchant();
  server = await startServer({ STATS_PASSWORD: PASSWORD, LINK_HEALTH: 'on', LINK_HEALTH_EVERY: '0.2' });
  db = createDb(server.databaseUrl);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  db?.$client.close();
  await server?.stop();
  await merchant?.close();
});

test('a studio link whose merchant answers 404 is flagged in the studio, and /stats warns', async () => {
  // The built site's own links point at real shops this machine cannot reach: mark them checked just now.
  const built = parseLinkCatalog(readFileSync(fileURLToPath(new URL('../../../dist/client/_perch/links.json', import.meta.url)), 'utf8'));
  const now = new Date(Date.now() + 3_600_000);
  // (A check already under way may still land; the assertions below name the links they mean.)
  for (const l of Object.values(built.links)) {
    const row = { slug: l.slug, url: l.url, state: 'ok' as const, reason: null, detail: null, status: null, checkedAt: now, flaggedAt: null };
    await db.insert(linkHealth).values(row).onConflictDoUpdate({ target: linkHealth.slug, set: row });
  }
  const fields = { merchant: 'Paddle Shop', network: 'other', subIdParam: null, endsAt: null, fallback: 'home', paused: false } as const;
  await createLink(db, built, { ...fields, slug: 'dead-deal', url: `${merchant.url}/status/404` });
  await createLink(db, built, { ...fields, slug: 'live-deal', url: `${merchant.url}/paddles/pro` });

  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    await studioLogin(page, server.url, PASSWORD);
    const flagged = page.getByRole('region', { name: /Needs attention/ });
    await expect.poll(async () => (await page.reload(), await flagged.count()), { timeout: PATIENCE_MS, interval: 500 }).toBe(1);
    await flagged.getByRole('link', { name: '/go/dead-deal' }).waitFor();
    await flagged.getByText('The destination answers 404').waitFor();
    expect(await flagged.getByRole('link', { name: '/go/live-deal' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/perch-studio-link-health.png', fullPage: true });
    await page.goto(`${server.url}/stats`);
    await page.getByRole('alert').filter({ hasText: /tracked links? may be losing sales/ }).waitFor();
  } finally {
    await context.close();
  }
});
