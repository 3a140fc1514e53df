import { describe, expect, test } from 'vitest';
import { httpText, rawRequest } from '../support/raw-http.ts';
import { serveEveryFeature } from '../support/every-feature.ts';
import { PATIENCE_MS } from '../support/wait.ts';

const served = serveEveryFeature();

const send = (method: string, target: string, headers?: Record<string, string>, body?: string) => rawRequest(served.server.port, httpText(method, target, headers, body));
const FAMILIES = ['/', '/subscribe/', '/stats', '/stats/links.csv', '/api/view', '/api/subscribe', '/api/postback', '/api/resend-webhook', '/links/', '/posts/best-paddles-2026/', '/go/vantage-pro-16-amazon', '/no-such-page/'];

describe('odd methods', () => {
  test.each(FAMILIES)('TRACE, PUT, DELETE, PATCH, PROPFIND and MKCOL on %s answer 405 with Allow', async (path) => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'MKCOL']) {
      const res = await send(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect(res.body).toContain(`does not answer ${method} requests`);
    }
  });

  test('CONNECT answers 405 instead of a dropped connection', async () => {
    const res = await rawRequest(served.server.port, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
    expect(res.status).toBe(405);
  });

  test('OPTIONS says what is allowed and grants no cross-origin access', async () => {
    const res = await send('OPTIONS', '/api/subscribe', { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request targets', () => {
  test('an unparsable absolute target is a 400, not a 500 (the unsubscribe fast path used to throw)', async () => {
    const res = await send('POST', 'http://[x/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'x=1');
    expect(res.status).toBe(400);
    expect(res.body).toContain('could not be read');
  });

  test('a parsable absolute target (as a proxy sends it) is served like its path', async () => {
    const res = await send('GET', 'http://127.0.0.1/robots.txt');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Disallow: /go/');
  });

  test.each(['/posts/%E0%A4%A/', '/%', '/posts/%00/', '/tags/%zz/'])('a broken percent-encoding (%s) is a 400', async (target) => {
    expect((await send('GET', target)).status).toBe(400);
  });

  test('duplicate slashes and dot segments reach the page they stand for', async () => {
    expect((await send('GET', '//posts//best-paddles-2026/')).status).toBe(200);
    expect((await send('GET', '/tags/../posts/./best-paddles-2026/')).status).toBe(200);
  });
});

describe('hidden paths', () => {
  const HIDDEN = [
    '/_perch/links.json', '//_perch/links.json', '/%5Fperch/links.json', '/%5fperch/links.json', '/_perch%2Flinks.json', '/_perch%2flinks.json',
    '/./_perch/links.json', '/x/../_perch/links.json', '/%2e/_perch/links.json', '/x/%2e%2e/_perch/links.json', '/_PERCH/links.json', '/_perch\\links.json',
    '/_perch/pages.json', '/_perch', '/.data/perch.db', '/%2Edata/perch.db', '/../server/entry.mjs', '/..%2fserver/entry.mjs', '/.env', '/.git/config',
    '/_image?href=/robots.txt&w=10&f=png', '/%5Fimage?href=/robots.txt&w=10&f=png', '/_server-islands/x', '/_actions/x',
  ];
  test.each(HIDDEN)('%s gets the same 404 as an unknown page', async (target) => {
    const unknown = await send('GET', '/no-such-page/');
    const res = await send('GET', target);
    expect(res.status).toBe(404);
    expect(res.body).toBe(unknown.body);
    expect(res.body).not.toContain('"links"');
  });
});

describe('body limits', () => {
  // Each route's limit, declared larger: answered at once with the body unread.
  test.each([
    ['/api/postback', 16 * 1024],
    ['/api/resend-webhook', 64 * 1024],
    ['/api/view', 4 * 1024],
    ['/api/subscribe', 8 * 1024],
    ['/subscribe/', 8 * 1024],
    ['/subscribe/unsubscribe', 8 * 1024],
    ['/stats', 4 * 1024],
  ])('POST %s declaring 10 MB is refused with 413 before the body is sent', async (path, limit) => {
    // Only the headers go out: an answer proves the server did not wait for 10 MB.
    const res = await send('POST', path, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toContain(`more than ${limit / 1024} KB`);
  });

  test('a chunked body past the limit is cut off by the reader with 413', async () => {
    const chunk = 'a'.repeat(8192);
    const chunks = Array.from({ length: 8 }, () => `${(8192).toString(16)}\r\n${chunk}\r\n`).join('');
    const res = await rawRequest(
      served.server.port,
      httpText('POST', '/api/postback', { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' }) + chunks + '0\r\n\r\n',
    );
    expect(res.status).toBe(413);
  });

  test('a POST to a page that takes none is a 405', async () => {
    const res = await send('POST', '/posts/best-paddles-2026/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'x=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('stored free text', () => {
  test('a 10 KB referrer host (longer than any real host name) is not stored', async () => {
    const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
    const huge = `https://${'a'.repeat(10_000)}.example/`;
    const res = await fetch(`${served.server.url}/go/vantage-pro-16-amazon`, { redirect: 'manual', headers: { 'User-Agent': ua, Referer: huge } });
    expect(res.status).toBe(302);
    await expect.poll(async () => Number((await served.db.$client.execute('select count(*) from clicks')).rows[0]![0]), { timeout: PATIENCE_MS }).toBe(1);
    const row = (await served.db.$client.execute('select referrer_host from clicks')).rows[0]!;
    expect(row.referrer_host).toBeNull();
  });

  test('a 10 KB postback status with CR/LF is stored cut to 64 characters, without control characters', async () => {
    const status = `approved\r\nX-Injected: 1${'x'.repeat(10_000)}`;
    const body = new URLSearchParams({ secret: 'shh', transaction_id: 'T-long-status', amount: '1.00', status }).toString();
    const res = await fetch(`${served.server.url}/api/postback`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(200);
    const raw = String((await served.db.$client.execute("select raw_status from conversions where transaction_id = 'T-long-status'")).rows[0]!.raw_status);
    expect(raw.length).toBe(64);
    expect(raw).not.toMatch(/[\r\n]/);
    expect(raw.startsWith('approvedX-Injected: 1')).toBe(true);
  });

  test('a postback transaction id with a line break is refused with 400', async () => {
    const body = new URLSearchParams({ secret: 'shh', transaction_id: 'T1\r\nT2', amount: '1.00' }).toString();
    const res = await fetch(`${served.server.url}/api/postback`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('control character');
  });
});
