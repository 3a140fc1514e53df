import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDestination, classifyPage } from '../../src/tracking/link-health.ts';

describe('classifyPage', () => {
  const page = 'https://shop.example/paddles/pro-16?aff=1';
  it.each([
    ['a product page', page, 200, '<h1>Pro 16</h1><button>Add to cart</button>', 'ok'],
    ['a 404', page, 404, 'Not found', 'status'],
    ['a 503', page, 503, '', 'status'],
    ['a redirect to the home page', 'https://shop.example/', 200, '<h1>Welcome</h1>', 'home'],
    ['a redirect to a search page', 'https://shop.example/search?q=pro+16', 200, 'Results', 'search'],
    ['an out-of-stock page', page, 200, '<p>Sorry, this item is currently unavailable.</p>', 'out-of-stock'],
    ['schema.org OutOfStock', page, 200, '{"@type":"Offer","availability":"https://schema.org/OutOfStock"}', 'out-of-stock'],
  ])('%s', (_, finalUrl, status, body, expected) => {
    const health = classifyPage(page, finalUrl, status, body);
    expect(health.state === 'ok' ? 'ok' : health.reason).toBe(expected);
  });

  it('does not flag a link that was a search or home page to begin with', () => {
    expect(classifyPage('https://shop.example/search?q=paddles', 'https://shop.example/search?q=paddles', 200, '').state).toBe('ok');
    expect(classifyPage('https://shop.example/', 'https://shop.example/', 200, '').state).toBe('ok');
  });
});

describe('checkDestination against a local merchant', () => {
  let server: Server;
  let base = '';
  const seen: Record<string, string | undefined>[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ ua: req.headers['user-agent'], accept: req.headers.accept });
      if (req.url === '/gone') return void res.writeHead(404).end('Not found');
      if (req.url === '/moved') return void res.writeHead(301, { Location: '/' }).end();
      if (req.url === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Home</h1>');
      if (req.url === '/hang') return; // never answers
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Pro 16</h1>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('flags a 404, follows a redirect to the home page, times out on a hung server, passes a live page', async () => {
    expect(await checkDestination(`${base}/gone`)).toMatchObject({ state: 'broken', reason: 'status', status: 404 });
    expect(await checkDestination(`${base}/moved`)).toMatchObject({ state: 'broken', reason: 'home', finalUrl: `${base}/` });
    expect(await checkDestination(`${base}/hang`, fetch, 300)).toMatchObject({ state: 'broken', reason: 'unreachable', detail: 'no answer within 0.3 s' });
    expect(await checkDestination(`${base}/paddles/pro-16`)).toEqual({ state: 'ok', status: 200, finalUrl: `${base}/paddles/pro-16` });
    expect(seen[0]).toMatchObject({ ua: expect.stringMatching(/^Mozilla\/5\.0 .*Chrome/), accept: expect.stringContaining('text/html') });
  });

  it('uses the fetcher it is given', async () => {
    const asked: string[] = [];
    const fake = async (url: string) => (asked.push(url), new Response('Sold out', { status: 200 }));
    expect(await checkDestination('https://shop.example/paddles/x', fake)).toMatchObject({ reason: 'out-of-stock' });
    expect(asked).toEqual(['https://shop.example/paddles/x']);
  });
});
