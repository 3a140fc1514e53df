import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { PATIENCE_MS } from '../../support/wait.ts';

const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
let t: TestDb;
let server: RunningServer;

beforeAll(async () => {
  t = await createTestDb();
  server = await startServer({ DATABASE_URL: t.url, TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await server?.stop();
  t?.cleanup();
});

const beacon = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/view`, { method: 'POST', headers: { Origin: server.url, 'Content-Type': 'text/plain;charset=UTF-8', 'User-Agent': CHROME_ANDROID, ...headers }, body });
const count = async (sql: string) => Number((await t.db.$client.execute(sql)).rows[0]![0]);

describe('POST /api/view', () => {
  test('counts a person\'s view: 204, no cookie, one row', async () => {
    const res = await beacon(JSON.stringify({ p: '/posts/best-paddles-2026/', r: 'https://www.google.com/' }));
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await count("select count(*) from views where path = '/posts/best-paddles-2026/' and referrer_host = 'google.com' and device = 'mobile'")).toBe(1);
  });

  test('behind a proxy, a reader\'s view and click hash to the same visitor', async () => {
    const viaProxy = { 'X-Forwarded-For': '198.51.100.7' };
    expect((await beacon(JSON.stringify({ p: '/posts/paddle-care-guide/' }), viaProxy)).status).toBe(204);
    const go = await fetch(`${server.url}/go/vantage-pro-16-amazon?src=%2Fposts%2Fpaddle-care-guide%2F`, { redirect: 'manual', headers: { 'User-Agent': CHROME_ANDROID, ...viaProxy } });
    expect(go.status).toBe(302);
    const view = (await t.db.$client.execute("select visitor_hash from views where path = '/posts/paddle-care-guide/'")).rows[0]!.visitor_hash;
    await expect.poll(async () => (await t.db.$client.execute("select visitor_hash from clicks where source = '/posts/paddle-care-guide/'")).rows[0]?.visitor_hash, { timeout: PATIENCE_MS }).toBe(view);
  });

  test('bots and prefetches are answered but counted only as filtered', async () => {
    const before = await count('select count(*) from views');
    expect((await beacon(JSON.stringify({ p: '/links/' }), { 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' })).status).toBe(204);
    expect((await beacon(JSON.stringify({ p: '/links/' }), { 'Sec-Purpose': 'prefetch' })).status).toBe(204);
    expect(await count('select count(*) from views')).toBe(before);
    expect(await count("select sum(count) from filtered_hits where kind = 'view' and target = '/links/'")).toBe(2);
  });

  test('the stats page itself is never counted', async () => {
    const before = await count('select count(*) from views');
    expect((await beacon(JSON.stringify({ p: '/stats' }))).status).toBe(204);
    expect(await count('select count(*) from views')).toBe(before);
    expect(await count("select count(*) from filtered_hits where target like '/stats%'")).toBe(0);
  });

  test('bad input: 400 with a message; oversized: 413; nothing written', async () => {
    const before = await count('select count(*) from views');
    const notJson = await beacon('p=/posts/');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain('must be JSON');
    const noPath = await beacon(JSON.stringify({ r: 'https://x.example/' }));
    expect(noPath.status).toBe(400);
    expect(await noPath.text()).toContain('page path');
    expect((await beacon(JSON.stringify({ p: '/' + 'x'.repeat(10_000) }))).status).toBe(413);
    expect(await count('select count(*) from views')).toBe(before);
  });

  test('counts only pages the site serves: built pages and per-request pages, not made-up paths', async () => {
    const before = await count('select count(*) from views');
    for (const p of ['/wp-admin/setup-config.php', '/posts/no-such-post/', '/_perch/links.json', '/rss.xml', '/api/view', '/posts/best-paddles-2026/../../wp-login.php']) {
      expect((await beacon(JSON.stringify({ p }))).status, p).toBe(204);
    }
    expect(await count('select count(*) from views')).toBe(before);
    expect(await count("select count(*) from filtered_hits where target like '/wp-%' or target like '%no-such%'")).toBe(0);
    // An article, a tag page, the home page and the per-request bio and subscribe pages all count.
    for (const p of ['/posts/how-i-test-gear/', '/tags/paddles/', '/', '/links/', '/subscribe/']) expect((await beacon(JSON.stringify({ p }))).status, p).toBe(204);
    expect(await count('select count(*) from views')).toBe(before + 5);
  });

  test('a cross-site POST is refused', async () => {
    expect((await beacon(JSON.stringify({ p: '/links/' }), { Origin: 'https://evil.example' })).status).toBe(403);
  });
});
