import { afterEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { recordView } from '../../src/tracking/views.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 354.0.0.29.90';
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const rows = async (sql: string) => (await t!.db.$client.execute(sql)).rows;

describe('recordView', () => {
  test('stores a view with the page referrer host, device, country and a visitor hash, never the IP', async () => {
    t = await createTestDb();
    const outcome = await recordView(t.db, {
      method: 'POST',
      header: headers({ 'user-agent': IPHONE, 'cf-ipcountry': 'ca' }),
      ip: '198.51.100.7',
      body: { p: '/posts/best-paddles-2026/', r: 'https://l.instagram.com/?u=x' },
    });
    expect(outcome).toEqual({ kind: 'counted' });
    const [view] = await rows('select * from views');
    expect(view).toMatchObject({ path: '/posts/best-paddles-2026/', referrer_host: 'l.instagram.com', device: 'mobile', country: 'CA' });
    expect(JSON.stringify(await rows('select * from views'))).not.toContain('198.51.100.7');
  });

  test('bots, previews and prefetches go to filtered_hits as views, not to views', async () => {
    t = await createTestDb();
    const body = { p: '/links/' };
    await recordView(t.db, { method: 'POST', header: headers({ 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }), ip: '1', body });
    await recordView(t.db, { method: 'POST', header: headers({ 'user-agent': 'facebookexternalhit/1.1' }), ip: '1', body });
    await recordView(t.db, { method: 'POST', header: headers({ 'user-agent': IPHONE, 'sec-purpose': 'prefetch;prerender' }), ip: '1', body });
    await recordView(t.db, { method: 'POST', header: headers({ 'user-agent': 'Googlebot/2.1' }), ip: '1', body });
    expect(await rows('select count(*) as n from views')).toEqual([expect.objectContaining({ n: 0 })]);
    const filtered = await rows("select reason, count from filtered_hits where kind = 'view' and target = '/links/' order by reason");
    expect(filtered.map((r) => [r.reason, r.count])).toEqual([['bot', 2], ['prefetch', 1], ['preview', 1]]);
  });

  test('views of the stats pages are not counted at all', async () => {
    t = await createTestDb();
    for (const p of ['/stats', '/stats/', '/stats/links.csv']) {
      expect(await recordView(t.db, { method: 'POST', header: headers({ 'user-agent': IPHONE }), ip: '1', body: { p } })).toEqual({ kind: 'ignored' });
    }
    expect((await rows('select count(*) as n from views'))[0]!.n).toBe(0);
    expect((await rows('select count(*) as n from filtered_hits'))[0]!.n).toBe(0);
  });

  test('refuses a body that is not a page path with a message', async () => {
    t = await createTestDb();
    const bad = (body: unknown) => recordView(t!.db, { method: 'POST', header: headers({ 'user-agent': IPHONE }), ip: '1', body });
    expect(await bad({})).toMatchObject({ kind: 'invalid', message: expect.stringContaining('p (the page path) is missing') });
    expect(await bad({ p: 'https://evil.example/' })).toMatchObject({ kind: 'invalid' });
    expect(await bad({ p: '/' + 'a'.repeat(600) })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('512') });
    expect(await bad('just text')).toMatchObject({ kind: 'invalid' });
  });
});
