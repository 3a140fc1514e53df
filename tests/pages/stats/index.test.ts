import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { TestDb } from '../../support/db.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { logIn, pageTable, pageTotal, startSeededStats } from '../../support/stats-fixture.ts';

// The bio entry's button text, as the creator wrote it in content/bio.yaml.
const BIO_TITLE: string = parse(readFileSync(new URL('../../../content/bio.yaml', import.meta.url), 'utf8')).entries.find(
  (e: { slug?: string }) => e.slug === 'bio-best-paddles',
).title;

const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;
let t: TestDb;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  ({ t, server } = await startSeededStats(PASSWORD));
  cookie = (await logIn(server.url, PASSWORD)).cookie!;
});
afterAll(async () => {
  await server?.stop();
  t?.cleanup();
});

const get = (path: string, c = cookie) => fetch(server.url + path, { headers: { Cookie: c } }).then(async (r) => ({ status: r.status, html: await r.text(), headers: r.headers }));

/** Counts straight from the event tables over the last `days` UTC days (offset = periods back). */
async function countDirect(days: number, offset = 0) {
  const todayStart = Date.parse(new Date().toISOString().slice(0, 10));
  const end = todayStart + DAY - offset * days * DAY;
  const start = end - days * DAY;
  const one = async (sql: string) => Number((await t.db.$client.execute({ sql, args: [start, end] })).rows[0]![0]);
  return {
    views: await one('select count(*) from views where created_at >= ? and created_at < ?'),
    // Visitor hashes rotate daily: distinct per day, summed.
    visitors: await one("select count(*) from (select distinct strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), visitor_hash from views where created_at >= ? and created_at < ?)"),
    clicks: await one('select count(*) from clicks where created_at >= ? and created_at < ?'),
    unique_clicks: await one('select count(*) from clicks where is_unique = 1 and created_at >= ? and created_at < ?'),
    signups: await one('select count(*) from subscribers where created_at >= ? and created_at < ?'),
    confirmed: await one('select count(*) from subscribers where confirmed_at >= ? and confirmed_at < ?'),
    unsubscribes: await one('select count(*) from subscribers where unsubscribed_at >= ? and unsubscribed_at < ?'),
  };
}

describe('the stats page', () => {
  test('shows totals equal to counts computed from the events, with the previous period', async () => {
    for (const days of [7, 30]) {
      const { status, html } = await get(`/stats?period=${days}`);
      expect(status).toBe(200);
      const current = await countDirect(days);
      const previous = await countDirect(days, 1);
      for (const [key, value] of Object.entries(current)) {
        expect(pageTotal(html, key), `${key} over ${days} days`).toEqual({ value: String(value), previous: String(previous[key as keyof typeof previous]) });
      }
    }
  });

  test('hand-checked figures for the last 7 days: CTR counts only on-site clicks, list size as of the end', async () => {
    const { html } = await get('/stats?period=7');
    expect(pageTotal(html, 'views').value).toBe('5');
    expect(pageTotal(html, 'clicks').value).toBe('5');
    // 4 clicks came from pages (one from an email) over 5 views.
    expect(Number(pageTotal(html, 'ctr').value)).toBeCloseTo(4 / 5);
    // old@ and conf@ are on the list now; 7 days earlier old@ and left@ (not yet unsubscribed) were.
    expect(pageTotal(html, 'list_size')).toEqual({ value: '2', previous: '2' });
    expect(html).toMatch(/data-total="views"[\s\S]*?class="change up/);
  });

  test('all time covers every event and has no comparison', async () => {
    const { html } = await get('/stats?period=all');
    expect(pageTotal(html, 'views')).toEqual({ value: '8', previous: null });
    expect(pageTotal(html, 'clicks').value).toBe('7');
    expect(pageTotal(html, 'list_size').value).toBe('2');
  });

  test('tables: articles with CTR and signups, links with merchants, placements, newsletters, filtered traffic', async () => {
    const { html } = await get('/stats?period=7');
    // Visitors are counted per day: "a" today and 3 days ago counts twice.
    // The first eight columns; earnings append theirs (none in this dataset: no sales).
    const articles = pageTable(html, 'articles').map((r) => r.slice(0, 8));
    expect(articles).toContainEqual(['/posts/best-paddles-2026/', 'The best pickleball paddles of 2026', '4', '3', '3', '75.0 %', '1', '25.0 %']);
    expect(articles).toContainEqual(['/links/', 'Link in bio', '1', '1', '1', '100.0 %', '1', '100.0 %']);
    const firstColumns = (id: string, n: number) => pageTable(html, id).map((r) => r.slice(0, n));
    expect(firstColumns('links', 5)).toEqual([
      ['vantage-pro-16-amazon', 'Vantage Pro 16 Carbon Paddle', 'Amazon', '2', '1'],
      ['vantage-pro-16-direct', 'Vantage Pro 16 Carbon Paddle', 'Vantage Sports', '2', '2'],
      ['bio-best-paddles', BIO_TITLE, 'kitchenline.example', '1', '1'],
    ]);
    // Placement CTR = its clicks on a page ÷ that page's views (4 views of the article, 1 of /links/).
    expect(firstColumns('placements', 4)[0]).toEqual(['product-card:1', '50.0 %', '2', '1']);
    expect(firstColumns('page-placements', 5)).toContainEqual(['product-card:1', '/posts/best-paddles-2026/', '50.0 %', '2', '4']);
    expect(firstColumns('page-placements', 5)).toContainEqual(['buy-button:1', '/posts/best-paddles-2026/', '25.0 %', '1', '4']);
    expect(firstColumns('page-placements', 5)).toContainEqual(['bio:entry-1', '/links/', '100.0 %', '1', '1']);
    expect(firstColumns('newsletters', 3)).toEqual([['november-picks', '1', '1']]);
    expect(pageTable(html, 'filtered')).toContainEqual(['bot', 'Bots and crawlers', '0', '5']);
    expect(pageTable(html, 'filtered')).toContainEqual(['preview', 'Link previews', '2', '0']);
    // Referrers: views, daily visitors, clicks. "a" read twice today from Instagram is one visitor.
    expect(pageTable(html, 'referrers')).toEqual([
      ['l.instagram.com', '2', '1', '1'],
      ['(direct)', '1', '1', '4'],
      ['google.com', '1', '1', '0'],
      ['tiktok.com', '1', '1', '0'],
    ]);
  });

  test('new events show up on the next load (roll-ups refresh on read)', async () => {
    const before = Number(pageTotal((await get('/stats?period=7')).html, 'clicks').value);
    await t.db.$client.execute({ sql: "insert into clicks (id, created_at, link_slug, device, visitor_hash, is_unique) values ('late-1', ?, 'vantage-pro-16-amazon', 'mobile', 'z', 1)", args: [Date.now()] });
    expect(Number(pageTotal((await get('/stats?period=7')).html, 'clicks').value)).toBe(before + 1);
  });
});

describe('login', () => {
  test('without a session: the login form and none of the numbers', async () => {
    const { status, html, headers } = await get('/stats', '');
    expect(status).toBe(200);
    expect(html).toContain('type="password"');
    expect(html).not.toContain('data-total');
    expect(headers.get('cache-control')).toBe('no-store');
  });

  test('a wrong password gets 401 and no cookie', async () => {
    const res = await logIn(server.url, 'wrong');
    expect(res.status).toBe(401);
    expect(res.setCookie).toBeNull();
    expect(res.body).toContain('That password is not right.');
  });

  test('the right password sets an HTTP-only, SameSite=Strict cookie for /stats (not Secure over http)', async () => {
    const res = await logIn(server.url, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).toMatch(/Path=\/stats/);
    expect(res.setCookie).not.toMatch(/Secure/);
  });

  test('an X-Forwarded-Proto from a peer TRUST_PROXY does not name changes nothing', async () => {
    const res = await logInSaidHttps(server.url, server.url);
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  test('logout ends the session in the database, not just in the browser', async () => {
    const own = (await logIn(server.url, PASSWORD)).cookie!;
    expect((await get('/stats', own)).html).toContain('data-total');
    const out = await fetch(`${server.url}/stats/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: own, Origin: server.url } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/perch_stats=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await get('/stats', own)).html).not.toContain('data-total');
  });
});

/** The right password, with the header a TLS-terminating proxy adds; `origin` is what the browser saw. */
function logInSaidHttps(base: string, origin: string): Promise<Response> {
  return fetch(`${base}/stats`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-Proto': 'https' },
    body: new URLSearchParams({ password: PASSWORD }).toString(),
  });
}

describe('over https, and lockout', () => {
  let secure: RunningServer;
  beforeAll(async () => {
    secure = await startServer({ STATS_PASSWORD: PASSWORD, TRUST_PROXY: 'loopback' });
  });
  afterAll(() => secure?.stop());

  test('the cookie is Secure when a trusted proxy (TRUST_PROXY) says the client came over https', async () => {
    const res = await logInSaidHttps(secure.url, secure.url.replace('http:', 'https:'));
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  test('after 5 wrong passwords even the right one is refused with 429 and Retry-After', async () => {
    for (let i = 0; i < 4; i++) expect((await logIn(secure.url, `guess-${i}`)).status).toBe(401);
    expect((await logIn(secure.url, 'guess-5')).status).toBe(401);
    const locked = await fetch(`${secure.url}/stats`, { method: 'POST', redirect: 'manual', headers: { Origin: secure.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `password=${encodeURIComponent(PASSWORD)}` });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('set-cookie')).toBeNull();
    // HTTP Basic on the CSV exports goes through the same lock.
    const basic = await fetch(`${secure.url}/stats/links.csv`, { headers: { Authorization: `Basic ${btoa(`me:${PASSWORD}`)}` } });
    expect(basic.status).toBe(429);
  });
});

test('without STATS_PASSWORD the page explains how to set it and shows nothing', async () => {
  const bare = await startServer({ DATABASE_URL: t.url });
  try {
    const res = await fetch(`${bare.url}/stats`);
    const html = await res.text();
    expect(res.status).toBe(503);
    expect(html).toContain('STATS_PASSWORD');
    expect(html).not.toContain('data-total');
    expect(html).not.toContain('type="password"');
    expect((await fetch(`${bare.url}/stats/links.csv`, { headers: { Authorization: `Basic ${btoa('x:anything')}` } })).status).toBe(503);
  } finally {
    await bare.stop();
  }
});
