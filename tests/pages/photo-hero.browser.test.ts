import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { launchBrowser, PHONE } from '../support/browser.ts';
import { findElements } from '../support/dist.ts';
import { writePhonePhoto } from '../support/photos.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { FIXTURE_CONTENT, prepareSite, runAstro, type SiteBuild } from '../support/site-build.ts';
import { parseDocument } from 'htmlparser2';

// A build that encodes a 12-megapixel photo, then a throttled page load, on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

// A creator drops a 4 MB 4000×3000 phone photo in as the fixture article's hero, unprepared.
const ARTICLE = '/posts/all-components/';
let site: SiteBuild;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const prepared = prepareSite(FIXTURE_CONTENT, (content) => {
    const file = join(content, 'posts/all-components.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('hero: /images/avatar.svg', 'hero: /images/posts/phone.jpg'));
    const product = join(content, 'products/alpha-paddle.yaml');
    writeFileSync(product, readFileSync(product, 'utf8').replace('image: /images/avatar.svg', 'image: /images/products/alpha.png'));
  });
  await writePhonePhoto(join(prepared.dir, 'public/images/posts/phone.jpg'));
  await writePhonePhoto(join(prepared.dir, 'public/images/products/alpha.png'), { width: 1000, height: 1000 });
  site = await runAstro(prepared, 'build');
  if (!site.ok) throw new Error(`build failed:\n${site.output}`);
  console.log(site.output.match(/.*photo\(s\) ready.*/)?.[0]); // how long the copies took to make
  [server, browser] = await Promise.all([startServer({}, { root: site.dir }), launchBrowser()]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  site?.cleanup();
});

describe('a phone photo as an article hero', () => {
  test('the page offers AVIF, WebP and JPEG copies at several widths, with sizes and the box reserved', async () => {
    const doc = parseDocument(await (await fetch(server.url + ARTICLE)).text());
    const [picture] = findElements(doc, (el) => el.name === 'picture' && el.parent?.type === 'tag' && (el.parent as { attribs: Record<string, string> }).attribs.class === 'hero');
    expect(picture, 'a <picture> in the hero figure').toBeDefined();
    const sources = findElements(picture, (el) => el.name === 'source');
    expect(sources.map((s) => s.attribs.type)).toEqual(['image/avif', 'image/webp']);
    const [img] = findElements(picture, (el) => el.name === 'img');
    for (const el of [...sources, img]) {
      expect(el.attribs.srcset.split(', ').map((c) => c.split(' ')[1])).toEqual(['480w', '800w', '1200w', '1600w']);
      expect(el.attribs.sizes).toContain('100vw');
    }
    expect(img.attribs).toMatchObject({ width: '1200', height: '675', loading: 'eager', fetchpriority: 'high' });
    expect(img.attribs.src).toMatch(/^\/_astro\/img\/phone-[0-9a-f]{10}-1200\.jpg$/);

    // Served once made, with a long cache; the original 4 MB file is never sent to the page.
    const copy = await fetch(server.url + img.attribs.src);
    expect(copy.status).toBe(200);
    expect(copy.headers.get('content-type')).toBe('image/jpeg');
    expect(copy.headers.get('cache-control')).toContain('immutable');
    expect((await copy.arrayBuffer()).byteLength).toBeLessThan(600_000);
  });

  test('a PNG product photo: a <picture> in its card, its JPEG copy shared by the product page', async () => {
    const article = parseDocument(await (await fetch(server.url + ARTICLE)).text());
    const [card] = findElements(article, (el) => el.name === 'a' && el.attribs.class === 'product-card__image');
    const [img] = findElements(card, (el) => el.name === 'img');
    expect(img.attribs).toMatchObject({ width: '240', height: '240', loading: 'lazy', sizes: '(max-width: 240px) 100vw, 240px' });
    expect(img.attribs.srcset.split(', ').map((c) => c.split(' ')[1])).toEqual(['480w', '800w', '1000w']);
    const product = parseDocument(await (await fetch(`${server.url}/products/alpha-paddle/`)).text());
    const og = findElements(product, (el) => el.name === 'meta' && el.attribs.property === 'og:image')[0].attribs.content;
    expect(og).toMatch(/\/_astro\/img\/alpha-[0-9a-f]{10}-1000\.jpg$/);
  });

  test('link previews and JSON-LD share the 1200 px JPEG copy', async () => {
    const html = await (await fetch(server.url + ARTICLE)).text();
    const doc = parseDocument(html);
    const og = findElements(doc, (el) => el.name === 'meta' && el.attribs.property === 'og:image')[0].attribs.content;
    expect(og).toMatch(/\/_astro\/img\/phone-[0-9a-f]{10}-1200\.jpg$/);
    const ld = findElements(doc, (el) => el.name === 'script' && el.attribs.type === 'application/ld+json')
      .map((el) => JSON.parse((el.children[0] as unknown as { data: string }).data))
      .find((d) => d['@type'] === 'Article');
    expect(ld.image).toBe(og);
  });

  test('LCP under 2.5 s on a throttled phone (1.6 Mbps, 150 ms RTT, 4× slower CPU), nothing shifts', async () => {
    await fetch(server.url + ARTICLE); // the page cache holds the page, as it does for every follower after the first
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        const w = window as unknown as { lcp?: { time: number; src: string }; cls: number };
        w.cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { url: string; element?: Element })[]) {
            w.lcp = { time: e.startTime, src: e.url || e.element?.tagName || '' };
          }
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(server.url + ARTICLE, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForFunction(() => (window as unknown as { lcp?: unknown }).lcp !== undefined, null, { timeout: 60_000 });
      const { lcp, cls, hero, bytes } = await page.evaluate(() => {
        const w = window as unknown as { lcp: { time: number; src: string }; cls: number };
        const img = document.querySelector<HTMLImageElement>('.hero img')!;
        const bytes = performance.getEntriesByType('resource').map((r) => `${new URL(r.name).pathname} ${(r as PerformanceResourceTiming).encodedBodySize} B`);
        return { lcp: w.lcp, cls: w.cls, hero: img.currentSrc, bytes };
      });
      console.log(`photo hero on a throttled phone: LCP ${Math.round(lcp.time)} ms, CLS ${cls.toFixed(3)}, hero ${hero}; resources: ${bytes.join(', ')}`);
      // A 360 px screen at 2× picks the 800 px AVIF, not the 4 MB original.
      expect(hero).toMatch(/\/_astro\/img\/phone-[0-9a-f]{10}-800\.avif$/);
      expect(lcp.src).toBe(hero);
      expect(lcp.time).toBeLessThan(2500);
      expect(cls).toBeLessThan(0.01);
    } finally {
      await context.close();
    }
  });
});
