// Compression, caching and the bio page's weight, from the built server over real HTTP.
import { createDb } from '../../db/client.ts';
import { readdirSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/caddy.ts';
import { signupFields, withFormToken } from '../support/email.ts';
import { waitFor } from '../support/wait.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Each test makes many requests (and starts a browser) on a busy two-core machine.
const SLOW = 120_000;
const assets = readdirSync(new URL('../../dist/client/_astro/', import.meta.url)).filter((f) => f.endsWith('.css'));
const css = `/_astro/${assets[0]}`;

let server: RunningServer;
beforeAll(async () => {
  // SITE_URL empty: the server's default, http://localhost:$PORT, whatever the build had.
  server = await startServer({ SITE_URL: '' });
});
afterAll(() => server?.stop());

const get = (path: string, encoding?: string, method = 'GET') => call(server, path, { method, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('compression', () => {
  test.each(['/', '/posts/best-paddles-2026/', css, '/rss.xml', '/sitemap-0.xml', '/links/'])('%s: br, gzip or none as asked, the same bytes after decoding', async (path) => {
    const none = await get(path);
    const br = await get(path, 'gzip, deflate, br');
    const gzip = await get(path, 'gzip');
    expect(none.status).toBe(200);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const plain = none.body.toString();
    // The bio page is rendered per request; its form carries a fresh fill-time token.
    const stable = (html: string) => html.replace(/name="form_token" value="[^"]*"/g, '');
    expect(stable(brotliDecompressSync(br.body).toString())).toBe(stable(plain));
    expect(stable(gunzipSync(gzip.body).toString())).toBe(stable(plain));
    expect(br.body.length).toBeLessThan(none.body.length / 2);
    console.log(`${path}: ${none.body.length} B plain, ${gzip.body.length} B gzip, ${br.body.length} B br`);
  }, SLOW);

  test('q=0 refuses an encoding; images are sent as they are', async () => {
    expect((await get('/', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    expect((await get('/', 'br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
    expect((await get('/og-default.png', 'br')).headers['content-encoding']).toBeUndefined();
  }, SLOW);

  test('/go/ answers are not touched', async () => {
    const go = await call(server, '/go/vantage-pro-16-amazon', { headers: { 'accept-encoding': 'br', 'user-agent': 'curl/8' } });
    expect(go.status).toBe(302);
    expect(go.headers['content-encoding']).toBeUndefined();
  }, SLOW);
});

describe('caching', () => {
  test('a hashed asset is immutable for a year on GET and HEAD alike', async () => {
    for (const method of ['GET', 'HEAD']) {
      const answer = await get(css, 'br', method);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const head = await get(css, 'br', 'HEAD');
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe((await get(css, 'br')).body.length);
  }, SLOW);

  test('other files revalidate: ETag and Last-Modified, 304 when unchanged', async () => {
    // A built page (articles are rendered per request and cached until the next scheduled post).
    const page = await get('/subscribe/thanks/', 'gzip');
    expect(page.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const etag = String(page.headers.etag);
    expect(page.headers['last-modified']).toBeTruthy();
    const again = await call(server, '/subscribe/thanks/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another encoding is another representation: no 304 for a different body.
    expect((await call(server, '/subscribe/thanks/', { headers: { 'if-none-match': etag } })).status).toBe(200);
  }, SLOW);
});

describe('rendered pages served from memory', () => {
  test('an article is answered before Astro: stored br/gzip copies, Content-Length, an ETag, 304 on a match', async () => {
    const path = '/posts/best-paddles-2026/';
    await get(path, 'br'); // the first request renders and stores it
    const [br, gzip, none] = [await get(path, 'br'), await get(path, 'gzip'), await get(path)];
    for (const answer of [br, gzip, none]) {
      expect(answer.status).toBe(200);
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.headers.etag).toMatch(/^"p[\w-]+"$/);
      expect(answer.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    }
    expect(new Set([br.headers.etag, gzip.headers.etag, none.headers.etag]).size).toBe(3);
    expect(brotliDecompressSync(br.body).toString()).toBe(none.body.toString());
    expect(gunzipSync(gzip.body).toString()).toBe(none.body.toString());
    const again = await call(server, path, { headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get(path, 'br', 'HEAD');
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(br.body.length);
  }, SLOW);

  test('the bio page: each category filter is its own page; query parameters that change nothing share one', async () => {
    const all = (await get('/links/')).body.toString();
    const paddles = (await get('/links/?category=paddles')).body.toString();
    const tagged = (await get('/links/?utm_source=instagram&igsh=abc')).body.toString();
    const shown = (html: string) => [...html.matchAll(/data-entry="(\d+)"|class="shelf-item[^"]*"[^>]*data-category="([^"]+)"/g)].length;
    expect(paddles).not.toBe(all);
    expect(shown(tagged)).toBe(shown(all));
    // The page a browser may keep keeps its own max-age, not the second the server holds it.
    expect((await get('/links/')).headers['cache-control']).toMatch(/^public, max-age=(?:[6-9]|[1-5]\d|60)$/);
  }, SLOW);
});

describe('the bio page on a slow phone', () => {
  test('HTML, CSS and script at most 30 KB on the wire, no React, a few hundred bytes of chip script', async () => {
    const page = await get('/links/', 'gzip, br');
    const html = brotliDecompressSync(page.body).toString();
    const scripts = [...html.matchAll(/<script\b[^>]*?(?:src="([^"]+)")?[^>]*>([\s\S]*?)<\/script>/g)];
    let wire = page.body.length;
    for (const [, src] of scripts) if (src) wire += (await get(src, 'gzip, br')).body.length;
    for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) wire += (await get(href, 'gzip, br')).body.length;
    const inline = scripts.filter(([, src]) => !src).map(([, , body]) => body);
    const chips = inline.find((body) => body.includes('chip-rule'));
    console.log(`/links/: ${wire} B on the wire with scripts and CSS (${page.body.length} B HTML br); chip script ${chips?.length} B`);
    expect(wire).toBeLessThanOrEqual(30 * 1024);
    expect(html).not.toMatch(/astro-island|react/i);
    expect(chips!.length).toBeLessThan(600);
  }, SLOW);
});

describe('absolute URLs from the running server', () => {
  const site = () => `http://localhost:${server.port}`;

  test('the share box, the QR code and the health check follow the server, not the build', async () => {
    const html = (await get('/links/')).body.toString();
    expect(html).toContain(`value="${site()}/links/"`);
    expect(html).not.toContain('localhost:4321');
    const qr = (await get('/links/qr.svg')).body.toString();
    expect(qr).toBe(await QRCode.toString(`${site()}/links/`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } }));
    const health = JSON.parse((await get('/healthz')).body.toString());
    expect(health).toEqual({ ok: true, database: 'ok', clickWriter: 'ok', clicksWaiting: 0, mailQueue: expect.any(Number) });
  }, SLOW);

  test('the confirmation email links to the running server', async () => {
    const answer = await call(server, '/api/subscribe', {
      method: 'POST',
      headers: { origin: site().replace('localhost', '127.0.0.1'), 'content-type': 'application/x-www-form-urlencoded', host: `127.0.0.1:${server.port}` },
      body: new URLSearchParams(await withFormToken(createDb(server.databaseUrl), signupFields('urls@example.com'))).toString(),
    });
    expect(answer.status).toBe(200);
    const eml = await waitFor(() => {
      try {
        const name = readdirSync(join(server.dataDir, 'outbox')).find((n) => n.endsWith('.eml'));
        return name && readFileSync(join(server.dataDir, 'outbox', name), 'utf8');
      } catch {
        return undefined;
      }
    });
    expect(eml).toContain(`List-Unsubscribe: <${site()}/subscribe/unsubscribe?t=`);
    const html = readdirSync(join(server.dataDir, 'outbox')).find((n) => n.endsWith('.html'))!;
    expect(readFileSync(join(server.dataDir, 'outbox', html), 'utf8')).toContain(`${site()}/subscribe/confirm?t=`);
  }, SLOW);
});
