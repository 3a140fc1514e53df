// One creator login for /studio and /stats, over real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../support/server.ts';

const PASSWORD = 'one-creator-password';
let server: RunningServer;
let off: RunningServer;

beforeAll(async () => {
  [server, off] = await Promise.all([startServer({ STATS_PASSWORD: PASSWORD }), startServer({ STATS_PASSWORD: '' })]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), off?.stop()]);
});

const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });

/** Logs in at a path and returns the Cookie header carrying both session cookies. */
async function login(path = '/studio/login'): Promise<string> {
  const res = await post(path, { password: PASSWORD });
  expect(res.status).toBe(303);
  const cookies = res.headers.getSetCookie();
  expect(cookies.some((c) => /^perch_studio=[^;]+;.*Path=\/studio/.test(c) && /HttpOnly/i.test(c) && /SameSite=Strict/i.test(c))).toBe(true);
  expect(cookies.some((c) => /^perch_stats=[^;]+;.*Path=\/stats/.test(c))).toBe(true);
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

const studioStatus = async (cookie: string) => (await fetch(`${server.url}/studio/links`, { redirect: 'manual', headers: { Cookie: cookie } })).status;
const statsLoggedIn = async (cookie: string) => (await (await fetch(`${server.url}/stats`, { headers: { Cookie: cookie } })).text()).includes('Log out');

describe('the creator login', () => {
  it('sends a visitor without a session to the login page, never showing the studio', async () => {
    const res = await fetch(`${server.url}/studio/links`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/login?next=%2Fstudio%2Flinks');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('says how to turn the studio on when no password is set', async () => {
    const res = await fetch(`${off.url}/studio/login`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('STATS_PASSWORD');
  });

  it('is one login: logging in at /studio opens /stats, and logging in at /stats opens /studio', async () => {
    const fromStudio = await login('/studio/login');
    expect(await studioStatus(fromStudio)).toBe(200);
    expect(await statsLoggedIn(fromStudio)).toBe(true);
    const fromStats = await login('/stats');
    expect(await studioStatus(fromStats)).toBe(200);
  });

  it('only returns to a studio path after login', async () => {
    const res = await post(`/studio/login?next=${encodeURIComponent('//evil.example/x')}`, { password: PASSWORD });
    expect(res.headers.get('location')).toBe('/studio');
  });

  it('refuses a studio form sent from another site, storing nothing', async () => {
    const cookie = await login();
    const body = { url: 'https://evil.example/', slug: 'evil', merchant: 'Evil', network: 'other', version: '0' };
    const res = await post('/studio/links', body, { Cookie: cookie, Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const go = await fetch(`${server.url}/go/evil`, { redirect: 'manual' });
    expect(go.status).toBe(404);
  });

  it('logs out one session, or every session at once', async () => {
    const [phone, laptop, tablet] = [await login(), await login(), await login()];
    expect(await post('/studio/logout', {}, { Cookie: phone }).then((r) => r.status)).toBe(303);
    expect(await studioStatus(phone)).toBe(303);
    expect(await studioStatus(laptop)).toBe(200);
    await post('/studio/logout', { everywhere: '1' }, { Cookie: laptop });
    expect(await studioStatus(tablet)).toBe(303);
    expect(await statsLoggedIn(tablet)).toBe(false);
  });

  it('keeps a logged-in session working while wrong passwords lock the login for everyone else', async () => {
    const cookie = await login();
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) last = await post('/studio/login', { password: `wrong-${i}` });
    expect(last!.status).toBe(429);
    expect(await last!.text()).toMatch(/Too many wrong passwords/);
    // Even the right password is refused while locked…
    expect((await post('/studio/login', { password: PASSWORD })).status).toBe(429);
    // …but the creator already logged in on their phone carries on.
    expect(await studioStatus(cookie)).toBe(200);
    expect(await statsLoggedIn(cookie)).toBe(true);
  });
});
