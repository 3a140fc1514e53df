import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

/** A stand-in merchant on loopback: answers every path with a page naming it, or the status a path asks for (`/status/404`). */
export async function startMerchant(): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const status = /^\/status\/(\d{3})/.exec(req.url ?? '')?.[1];
    res.writeHead(status ? Number(status) : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Merchant</title><h1>Merchant page ${req.url}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Logs in through the studio's form and waits for the page it leads to. */
export async function studioLogin(page: Page, baseUrl: string, password: string, path = '/studio/links'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** Waits until every React island on the page has hydrated. */
export async function waitForIslands(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0);
}
