// A few hundred hostile and malformed requests across every route family, with every feature
// switched on: none may get a 5xx or a dropped connection, nothing may be stored, and the
// server and its database must come out of it intact.
import { describe, expect, test } from 'vitest';
import { httpText, rawRequest, type RawResponse } from '../support/raw-http.ts';
import { serveEveryFeature } from '../support/every-feature.ts';

const FAMILIES = [
  '/', '/posts/best-paddles-2026/', '/products/vantage-pro-16/', '/tags/paddles/', '/links/', '/links/qr.svg', '/rss.xml', '/robots.txt',
  '/sitemap-index.xml', '/og-default.png', '/subscribe/', '/subscribe/confirm?t=x', '/subscribe/unsubscribe?t=x', '/subscribe/thanks/',
  '/api/subscribe', '/api/view', '/api/postback', '/api/resend-webhook', '/api/form-token', '/stats', '/stats/links.csv', '/stats/logout',
  '/go/vantage-pro-16-amazon', '/go/no-such-link', '/_perch/links.json', '/_image?href=/robots.txt&w=10&f=png', '/no-such-page/',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'SEARCH'];
/** Spellings of each path that a scanner tries. */
const TARGETS = (path: string) => [`/${path}`, `${path}%`, `${path}?%zz=%`, `${path}/..%2f..%2f.data`, `${path}%00`, `${path}?${'q'.repeat(6000)}`];
/** Bodies a POST may carry, each with its content type. */
const BODIES: [string, string][] = [
  ['application/x-www-form-urlencoded', 'email=%zz&password=%&secret=%E0%A4%A&form_token=1.x'],
  ['application/json', '{"p":'],
  ['application/json', '{"type":5,"data":{"to":[42]},"p":{"x":1},"transaction_id":[1],"amount":{}}'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nnot-closed'],
  ['text/plain', '\u0000\u0001\uffff'.repeat(200)],
];
/** Headers that are odd but get past Node's own parser. */
const HEADERS: Record<string, string>[] = [
  { Host: '[x' },
  { Host: 'evil.example', 'X-Forwarded-Host': '[::1', 'X-Forwarded-Proto': 'gopher' },
  { Cookie: `perch_stats=${'%'.repeat(300)}`, Authorization: 'Basic %%%' },
  { 'Content-Type': 'application/x-www-form-urlencoded; charset=ebcdic', Origin: 'null' },
  { 'Accept-Encoding': 'x'.repeat(3000), Referer: 'http://[x/', 'User-Agent': '\u00ff'.repeat(100) },
];

type Case = { name: string; request: string };
function cases(origin: string): Case[] {
  const list: Case[] = [];
  for (const path of FAMILIES) {
    for (const method of METHODS) list.push({ name: `${method} ${path}`, request: httpText(method, path) });
    for (const target of TARGETS(path)) list.push({ name: `GET ${target.slice(0, 60)}`, request: httpText('GET', target) });
    for (const [type, body] of BODIES) list.push({ name: `POST ${path} ${type}`, request: httpText('POST', path, { Origin: origin, 'Content-Type': type }, body) });
    for (const headers of HEADERS) list.push({ name: `GET ${path} ${Object.keys(headers).join(',')}`, request: httpText('GET', path, headers) });
  }
  list.push({ name: 'POST unparsable absolute target', request: httpText('POST', 'http://[x/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'x=1') });
  list.push({ name: 'asterisk target', request: httpText('GET', '*') });
  list.push({ name: 'CONNECT', request: 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n' });
  list.push({ name: 'HTTP/1.0 without Host', request: 'GET /stats HTTP/1.0\r\n\r\n' });
  list.push({ name: 'a space in the target', request: 'GET /posts/ x/ HTTP/1.1\r\nHost: a\r\n\r\n' });
  list.push({ name: 'a header without a colon', request: 'GET / HTTP/1.1\r\nHost: a\r\nnonsense\r\n\r\n' });
  list.push({ name: 'a negative Content-Length', request: 'POST /api/view HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n' });
  list.push({ name: 'two Content-Lengths', request: 'POST /api/view HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab' });
  return list;
}

// Tables a request from outside could write to; filtered_hits and stats_login_failures count refusals by design.
const STORED = ['subscribers', 'email_queue', 'clicks', 'views', 'conversions', 'webhook_messages', 'stats_sessions', 'broadcasts'];

const served = serveEveryFeature();

describe('a few hundred malformed requests', () => {
  test('none gets a 5xx or goes unanswered; the server still serves /, nothing is stored, the database is intact', async () => {
    const all = cases(served.server.url);
    expect(all.length).toBe(764);
    const answers: [string, RawResponse][] = [];
    // Four at a time: a scanner's pace, without starving the other tests on two cores.
    for (let i = 0; i < all.length; i += 4) {
      const batch = all.slice(i, i + 4);
      const results = await Promise.all(batch.map((c) => rawRequest(served.server.port, c.request)));
      batch.forEach((c, j) => answers.push([c.name, results[j]!]));
    }
    const bad = answers.filter(([, r]) => r.status === 0 || r.status >= 500).map(([name, r]) => `${name} → ${r.status} ${r.body.slice(0, 120)}`);
    expect(bad).toEqual([]);
    expect(served.server.output()).not.toMatch(/TypeError|ReferenceError|Unhandled/);

    expect((await fetch(`${served.server.url}/`)).status).toBe(200);
    for (const table of STORED) {
      const rows = await served.db.$client.execute(`select count(*) as n from ${table}`);
      expect(Number(rows.rows[0]!.n), table).toBe(0);
    }
    const check = await served.db.$client.execute('PRAGMA integrity_check');
    expect(check.rows[0]![0]).toBe('ok');
  });
});
