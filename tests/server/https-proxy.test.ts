// The built server behind Debian's real Caddy on loopback, with TLS from Caddy's internal CA:
// what a creator gets after following the README's Deploy section.
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { launchBrowser } from '../support/browser.ts';
import { caddyPorts, call, startCaddy, type CallOptions, type RunningCaddy } from '../support/caddy.ts';
import { signupFields, withFormToken } from '../support/email.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { PEOPLE } from '../support/user-agents.ts';

// Each test makes many requests (and starts a browser) on a busy two-core machine.
const SLOW = 120_000;
const UA = PEOPLE[0]!.ua;
const PASSWORD = 'correct horse battery staple';

interface Setup {
  caddy: RunningCaddy;
  server: RunningServer;
  db: Db;
}

async function behindCaddy(env: Record<string, string>): Promise<Setup> {
  const ports = await caddyPorts();
  const server = await startServer({ SITE_URL: `https://localhost:${ports.httpsPort}`, STATS_PASSWORD: PASSWORD, NODE_ENV: 'production', ...env });
  try {
    const caddy = await startCaddy(server.port, ports);
    return { caddy, server, db: createDb(server.databaseUrl) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function teardown(s: Setup | undefined): Promise<void> {
  s?.db.$client.close();
  await s?.caddy.stop();
  await s?.server.stop();
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A signup through the proxy as a browser sends it (Origin is the https site). */
async function signup(s: Setup, email: string, localAddress: string) {
  return call(s.caddy, '/api/subscribe', {
    method: 'POST',
    localAddress,
    headers: { origin: s.caddy.url, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': UA },
    body: form(await withFormToken(s.db, signupFields(email))),
  });
}

const clientAddress = (n: number) => `127.0.0.${n + 2}`;
const distinct = async (db: Db, sql: string) => Number((await db.$client.execute(sql)).rows[0]![0]);

async function pollDistinct(db: Db, sql: string, expected: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let value = await distinct(db, sql);
  while (value < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await distinct(db, sql);
  }
  return value;
}

describe('behind Caddy with TRUST_PROXY=loopback', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await behindCaddy({ TRUST_PROXY: 'loopback' });
  }, SLOW);
  afterAll(() => teardown(s));

  test('pages come over https with HSTS, compressed; http is redirected to https', async () => {
    const page = await call(s.caddy, '/', { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toContain('<html');
    const plain = await call({ url: `http://localhost:${s.caddy.httpPort}` }, '/links/');
    expect([301, 308]).toContain(plain.status);
    // Caddy 2.6 leaves a non-standard https port out of the redirect; in production it is 443.
    expect(plain.headers.location).toMatch(/^https:\/\/localhost(:\d+)?\/links\/$/);
  }, SLOW);

  test('12 signups from 12 client addresses are all accepted; 12 from one address hit the limit', async () => {
    const many = [];
    for (let i = 0; i < 12; i++) many.push((await signup(s, `fan${i}@example.com`, clientAddress(i))).status);
    expect(many).toEqual(Array(12).fill(200));
    const one = [];
    for (let i = 0; i < 12; i++) one.push((await signup(s, `same${i}@example.com`, clientAddress(20))).status);
    expect(one.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(one.slice(10)).toEqual([429, 429]);
  }, SLOW);

  test('a form posted from another site is still refused', async () => {
    const answer = await call(s.caddy, '/api/subscribe', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: form(await withFormToken(s.db, signupFields('evil@example.com'))),
    });
    expect(answer.status).toBe(403);
  }, SLOW);

  test('clicks and views from three clients count as three visitors', async () => {
    // A real page: views are counted only for pages the site serves.
    for (let i = 0; i < 3; i++) {
      const options: CallOptions = { localAddress: clientAddress(30 + i), headers: { 'user-agent': UA } };
      expect((await call(s.caddy, '/go/vantage-pro-16-amazon?src=%2Fposts%2Fhow-i-test-gear%2F', options)).status).toBe(302);
      const view = await call(s.caddy, '/api/view', {
        ...options,
        method: 'POST',
        headers: { ...options.headers, origin: s.caddy.url, 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ p: '/posts/how-i-test-gear/' }),
      });
      expect(view.status).toBe(204);
    }
    expect(await pollDistinct(s.db, "select count(distinct visitor_hash) from clicks where source = '/posts/how-i-test-gear/'", 3)).toBe(3);
    expect(await distinct(s.db, "select count(distinct visitor_hash) from views where path = '/posts/how-i-test-gear/'")).toBe(3);
  }, SLOW);

  test('the stats login sets a Secure cookie, and wrong passwords lock out one client, not everyone', async () => {
    const login = (password: string, n: number) =>
      call(s.caddy, '/stats', {
        method: 'POST',
        localAddress: clientAddress(n),
        headers: { origin: s.caddy.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ password }),
      });
    const ok = await login(PASSWORD, 40);
    expect(ok.status).toBe(303);
    expect(String(ok.headers['set-cookie'])).toMatch(/; Secure/i);
    const wrong = [];
    for (let i = 0; i < 6; i++) wrong.push((await login('guess', 41)).status);
    expect(wrong.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(wrong[5]).toBe(429);
    expect((await login('guess', 42)).status).toBe(401);
  }, SLOW);

  test('a real browser signs up over https', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, userAgent: UA });
      const page = await context.newPage();
      await page.goto(`${s.caddy.url}/subscribe/`);
      await page.fill('input[name="email"]', 'browser@example.com');
      // The form refuses submissions faster than a person types.
      await page.waitForTimeout(1_600);
      await page.click('form button[type="submit"]');
      await page.waitForFunction(() => /check your inbox|confirm/i.test(document.body.innerText), undefined, { timeout: 15_000 });
      const row = await s.db.$client.execute("select status from subscribers where email = 'browser@example.com'");
      expect(row.rows[0]?.status).toBe('pending');
    } finally {
      await browser.close();
    }
  }, SLOW);
});

describe('behind Caddy without TRUST_PROXY (the default)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await behindCaddy({});
  }, SLOW);
  afterAll(() => teardown(s));

  test('the proxy is not believed: its https is not the client\'s, so browser form posts are refused', async () => {
    expect((await signup(s, 'refused@example.com', clientAddress(0))).status).toBe(403);
  }, SLOW);

  test('forwarded headers sent straight to Perch are ignored: one socket address is one client', async () => {
    const direct = (i: number, extra: Record<string, string>): CallOptions => ({
      headers: { 'user-agent': UA, 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}`, 'cf-connecting-ip': `203.0.113.${i}`, 'x-forwarded-proto': 'https', ...extra },
    });
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const options = direct(i, { origin: s.server.url, 'content-type': 'application/x-www-form-urlencoded' });
      statuses.push((await call(s.server, '/api/subscribe', { ...options, method: 'POST', body: form(await withFormToken(s.db, signupFields(`p${i}@example.com`))) })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    for (let i = 0; i < 3; i++) expect((await call(s.server, '/go/vantage-pro-16-amazon?src=%2Fspoof%2F', direct(i, {}))).status).toBe(302);
    expect(await pollDistinct(s.db, "select count(*) from clicks where source = '/spoof/'", 3)).toBe(3);
    expect(await distinct(s.db, "select count(distinct visitor_hash) from clicks where source = '/spoof/'")).toBe(1);
  }, SLOW);
});
