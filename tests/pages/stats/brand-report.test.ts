import { describe, expect, test } from 'vitest';
import { useSeededStats } from '../../support/stats-fixture.ts';
import { createBrandReport } from '../../../src/stats/brand-reports.ts';

const stats = useSeededStats('brand-password');

const post = (path: string, fields: [string, string][], withCookie = true) =>
  fetch(`${stats.server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: stats.server.url, 'Content-Type': 'application/x-www-form-urlencoded', ...(withCookie ? { Cookie: stats.cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

describe('brand report /r/<token>', () => {
  test('opens without a login and shows only that merchant’s links', async () => {
    const { token } = await createBrandReport(stats.t.db, { merchant: 'Vantage Sports', label: 'Vantage autumn' });
    const res = await fetch(`${stats.server.url}/r/${token}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // The seeded dataset: vantage-pro-16-direct was clicked twice (a newsletter and a buy button).
    expect(html).toMatch(/data-total="clicks"[^>]*>2</);
    expect(html).toContain('vantage-pro-16-direct');
    for (const other of ['vantage-pro-16-amazon', 'bio-best-paddles', 'mystery-link', 'Amazon']) expect(html).not.toContain(other);
    expect(html).toContain('Newsletter');
    expect(html).toContain('Print or save as PDF');
  });

  test('revoked, expired and made-up tokens get the site’s ordinary 404 page', async () => {
    const unknown = await fetch(`${stats.server.url}/no-such-page-at-all`);
    const notFound = await unknown.text();
    expect(unknown.status).toBe(404);
    const revoked = await createBrandReport(stats.t.db, { merchant: 'Amazon' });
    expect((await fetch(`${stats.server.url}/r/${revoked.token}`)).status).toBe(200);
    const list = await (await fetch(`${stats.server.url}/stats/share`, { headers: { Cookie: stats.cookie } })).text();
    expect(list).toContain(`data-report="${revoked.id}"`);
    const res = await post('/stats/share', [['form', 'brand'], ['action', 'revoke'], ['id', String(revoked.id)]]);
    expect(res.status).toBe(200);
    const expired = await createBrandReport(stats.t.db, { merchant: 'Amazon', expiresAt: new Date(Date.now() + 60_000) });
    await stats.t.db.$client.execute({ sql: 'update brand_reports set expires_at = ? where id = ?', args: [Date.now() - 1000, expired.id] });
    for (const token of [revoked.token, expired.token, 'A'.repeat(43), 'x']) {
      const gone = await fetch(`${stats.server.url}/r/${token}`);
      expect(gone.status, token).toBe(404);
      expect(await gone.text()).toBe(notFound);
    }
  });

  test('the share page creates a report behind the login and shows its URL once; bad input gets a 400 with a reason', async () => {
    expect((await fetch(`${stats.server.url}/stats/share`, { redirect: 'manual' })).status).toBe(303);
    expect((await post('/stats/share', [['form', 'brand'], ['action', 'create'], ['merchant', 'Amazon']], false)).status).toBe(303);
    const bad = await post('/stats/share', [['form', 'brand'], ['action', 'create'], ['merchant', 'Nobody'], ['expires_days', '-3']]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('is not a merchant');
    expect(badHtml).toContain('Expiry');
    const ok = await post('/stats/share', [['form', 'brand'], ['action', 'create'], ['merchant', 'Amazon'], ['label', 'Amazon Q4'], ['conversions', 'on'], ['expires_days', '30']]);
    const html = await ok.text();
    expect(ok.status).toBe(200);
    const url = /value="(https?:\/\/[^"]+\/r\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
    expect(url).toBeTruthy();
    const report = await fetch(`${stats.server.url}${new URL(url!).pathname}`);
    const reportHtml = await report.text();
    expect(report.status).toBe(200);
    expect(reportHtml).toContain('Amazon Q4');
    expect(reportHtml).toContain('data-total="commission"');
    expect(await (await fetch(`${stats.server.url}/stats/share`, { headers: { Cookie: stats.cookie } })).text()).not.toContain(url!);
  });

  test('the media kit is off by default and shows only the figures switched on', async () => {
    expect((await fetch(`${stats.server.url}/media-kit/`)).status).toBe(404);
    const saved = await post('/stats/share', [['form', 'media-kit'], ['enabled', 'on'], ['figures', 'readers'], ['figures', 'devices'], ['figures', 'bogus']]);
    expect(saved.status).toBe(200);
    const res = await fetch(`${stats.server.url}/media-kit/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Bot and preview traffic excluded');
    expect(html).toContain('data-figure="readers"');
    expect(html).toContain('Devices (by views)');
    expect(html).not.toContain('data-figure="list"');
    expect(html).not.toContain('data-figure="ctr"');
    expect(html).not.toContain('Countries (by views)');
    // Seeded views in the last 30 days: 7 (one was 40 days ago).
    expect(html).toMatch(/7 page views/);
    await post('/stats/share', [['form', 'media-kit'], ['figures', 'readers']]);
    expect((await fetch(`${stats.server.url}/media-kit/`)).status).toBe(404);
  });

  test('guessing tokens is rate-limited (run last: the limit is per network and this server’s)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${stats.server.url}/r/${String(i).padStart(43, 'g')}`)).status);
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
