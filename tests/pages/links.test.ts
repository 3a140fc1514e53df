// The bio page (src/pages/links/index.astro + src/bio/*) on real built servers:
// the fixture build (tests/fixtures/bio-content, known entries/schedules/picks, a clock the
// test can set) and the demo build (content/), in real Chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { goHref, REL_SPONSORED } from '../../src/site/links.ts';
import { buildBioFixture, startBioFixture, type FixtureServer } from '../support/bio-fixture.ts';
import { DESKTOP, launchBrowser, PHONE } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Fixture windows: "Spring sale" (entry 3) 2030-03-01..03-08, "Launch week" (5) from 03-05,
// "Old giveaway" (6) until 03-02.
const BEFORE = '2030-02-15T12:00:00Z';
const INSIDE = '2030-03-06T12:00:00Z';
const AFTER = '2030-03-10T12:00:00Z';
const PICKS = ['Fixture Paddle', 'Fixture Balls', 'Fixture Shoes', 'Fixture Bag', 'Fixture Paddle Two', 'Fixture Grip'];

let fixture: FixtureServer;
let demo: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await buildBioFixture();
  [fixture, demo, browser] = await Promise.all([startBioFixture(), startServer(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([fixture?.stop(), demo?.stop(), browser?.close()]);
});

async function open(url: string, options: { js?: boolean; dark?: boolean; desktop?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    ...(options.desktop ? DESKTOP : PHONE),
    javaScriptEnabled: options.js ?? true,
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return page;
}

const entryTitles = (page: Page) => page.locator('nav[aria-label="Links"] a .link-title').allInnerTexts();
const chip = (page: Page, name: string) => page.locator('.chips').getByRole('link', { name, exact: true });
const visiblePicks = (page: Page) => page.locator('.shelf > li:visible .pick-name').allInnerTexts();

async function entryPositionsAt(iso: string): Promise<number[]> {
  fixture.setNow(iso);
  const html = await (await fetch(`${fixture.url}/links/`)).text();
  return [...html.matchAll(/data-entry="(\d+)"/g)].map((m) => Number(m[1]));
}

describe('/links/ rendering from content', () => {
  test('shows profile, entries in content order with the highlight, and the shelf in pick order', async () => {
    fixture.setNow(INSIDE);
    const page = await open(`${fixture.url}/links/`, { js: false });
    try {
      await expect(page.locator('h1').innerText()).resolves.toBe('Fixture Creator');
      expect(await page.locator('.socials a').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')))).toEqual(['Instagram', 'LinkedIn', 'Email']);
      expect(await entryTitles(page)).toEqual([
        'Always plain URL',
        'Merchant link entry',
        'Spring sale (scheduled)',
        'Product entry',
        'Launch week (opens only)',
      ]);
      expect(await page.locator('a.link.highlight .link-title').allInnerTexts()).toEqual(['Always plain URL']);
      expect(await page.locator('.shelf .pick-name').allInnerTexts()).toEqual(PICKS);
      expect(await page.locator('.shelf .price').allInnerTexts()).toEqual(['$100', '$20', '$90', '$60', '$150', '$8']);
      expect(await page.locator('.shelf .merchant').allInnerTexts()).toEqual(['Paddle Shop', 'Amazon', 'Shoe Co', 'Bag Co', 'Paddle Shop', 'Grip Co']);
      // The accessible name carries the product; the visible text is "Buy at Paddle Shop".
      expect(await page.locator('.shelf a.buy').first().textContent()).toBe('Buy Fixture Paddle at Paddle Shop');
      await expect(page.getByRole('link', { name: 'Buy Fixture Paddle at Paddle Shop' }).count()).resolves.toBe(1);
      const avatar = page.locator('img.avatar');
      expect(await avatar.getAttribute('fetchpriority')).toBe('high');
      expect(await avatar.getAttribute('loading')).not.toBe('lazy');
      // A shared link shows a picture with a description, on X as elsewhere.
      const meta = (selector: string) => page.locator(`meta[${selector}]`).getAttribute('content');
      expect(await meta('name="twitter:image"')).toBe(await meta('property="og:image"'));
      expect(await meta('name="twitter:image:alt"')).toMatch(/^Fixture Creator/);
      expect(await meta('property="og:image:alt"')).toBe(await meta('name="twitter:image:alt"'));
    } finally {
      await page.context().close();
    }
  });
});

describe('/links/ schedule windows', () => {
  test('one running server shows an entry only inside its window, with no rebuild', async () => {
    expect(await entryPositionsAt(BEFORE)).toEqual([1, 2, 4, 6]);
    expect(await entryPositionsAt(INSIDE)).toEqual([1, 2, 3, 4, 5]);
    expect(await entryPositionsAt(AFTER)).toEqual([1, 2, 4, 5]);
    expect(await entryPositionsAt(BEFORE)).toEqual([1, 2, 4, 6]);
  });

  test('caches for at most a minute and never past the next window change', async () => {
    fixture.setNow('2030-03-07T23:59:30Z');
    expect((await fetch(`${fixture.url}/links/`)).headers.get('cache-control')).toBe('public, max-age=30');
    fixture.setNow(AFTER);
    expect((await fetch(`${fixture.url}/links/`)).headers.get('cache-control')).toBe('public, max-age=60');
  });
});

describe('/links/ outbound links', () => {
  test('every entry and shelf button is a /go/ link with its placement; affiliate ones are sponsored; no new windows', async () => {
    fixture.setNow(INSIDE);
    const page = await open(`${fixture.url}/links/`, { js: false });
    try {
      const links = await page.locator('a').evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href')!, rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
      );
      const source = '/links/';
      const expected = [
        { href: goHref('fx-article', { source, placement: 'bio:entry-1' }), rel: null },
        { href: goHref('fx-paddle-shop', { source, placement: 'bio:entry-2' }), rel: REL_SPONSORED },
        { href: goHref('fx-balls-amazon', { source, placement: 'bio:entry-3' }), rel: REL_SPONSORED },
        { href: goHref('fx-shoes-direct', { source, placement: 'bio:entry-4' }), rel: REL_SPONSORED },
        { href: goHref('fx-launch', { source, placement: 'bio:entry-5' }), rel: null },
        ...['fx-paddle-shop', 'fx-balls-amazon', 'fx-shoes-direct', 'fx-bag-direct', 'fx-paddle-2-shop', 'fx-grip-direct'].map((slug, i) => ({
          href: goHref(slug, { source, placement: `bio:shelf-${i + 1}` }),
          rel: REL_SPONSORED,
        })),
      ];
      const outbound = links.filter((l) => l.href.startsWith('/go/')).map(({ href, rel }) => ({ href, rel }));
      expect(outbound).toEqual(expected);
      // Everything else stays on the page or is the creator's own profile.
      const others = links.filter((l) => !l.href.startsWith('/go/'));
      for (const l of others) expect(l.href).toMatch(/^(#share|\?|\/links\/qr\.svg$|https:\/\/(instagram|linkedin)\.com\/|mailto:)/);
      expect(links.filter((l) => l.target !== null)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  test('the affiliate disclosure (with the Amazon sentence) comes before the first affiliate link', async () => {
    fixture.setNow(INSIDE);
    const page = await open(`${fixture.url}/links/`, { js: false });
    try {
      const disclosure = page.locator('.disclosure');
      expect(await disclosure.innerText()).toBe('FIXTURE DISCLOSURE — some links are affiliate links. FIXTURE AMAZON DISCLOSURE.');
      const before = await page.evaluate(() => {
        const d = document.querySelector('.disclosure')!;
        const first = document.querySelector('a[rel~="sponsored"]')!;
        return !!(d.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(before).toBe(true);
    } finally {
      await page.context().close();
    }
  });
});

describe('/links/ without JavaScript', () => {
  test('shows all picks, the signup form, the page link; category chips filter through the server', async () => {
    fixture.setNow(INSIDE);
    const page = await open(`${fixture.url}/links/`, { js: false });
    try {
      expect(await visiblePicks(page)).toEqual(PICKS);
      expect(await page.locator('#copy-link').isVisible()).toBe(false);
      expect(await page.locator('#page-url').inputValue()).toMatch(/^https?:\/\/.+\/links\/$/);
      const form = page.locator('section.signup form');
      expect(await form.getAttribute('action')).toBe('/subscribe/');
      expect(await form.getAttribute('method')).toBe('post');
      expect(await page.getByLabel('Email address').getAttribute('type')).toBe('email');
      expect(await page.locator('.consent').innerText()).toContain('FIXTURE CONSENT');

      await chip(page, 'Paddles').click();
      await page.waitForURL(/category=paddles/);
      expect(await visiblePicks(page)).toEqual(['Fixture Paddle', 'Fixture Paddle Two']);
      expect(await chip(page, 'Paddles').getAttribute('aria-current')).toBe('true');
      await chip(page, 'All').click();
      await page.waitForURL((url) => !url.search.includes('category'));
      expect(await visiblePicks(page)).toEqual(PICKS);
    } finally {
      await page.context().close();
    }
  });
});

describe('/links/ with JavaScript', () => {
  test('category chips filter in place without loading a new page', async () => {
    fixture.setNow(INSIDE);
    const page = await open(`${fixture.url}/links/`);
    try {
      await page.waitForSelector('#chips');
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await chip(page, 'Balls').click();
      await expect.poll(() => visiblePicks(page)).toEqual(['Fixture Balls']);
      expect(page.url()).toContain('category=balls');
      await chip(page, 'Paddles').click();
      await expect.poll(() => visiblePicks(page)).toEqual(['Fixture Paddle', 'Fixture Paddle Two']);
      await chip(page, 'All').click();
      await expect.poll(() => visiblePicks(page)).toEqual(PICKS);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  test('"Copy link" puts the page address on the clipboard', async () => {
    const page = await open(`${fixture.url}/links/`);
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.url });
      await page.getByRole('button', { name: 'Copy link' }).click();
      await expect.poll(() => page.locator('#copy-status').innerText()).toBe('Link copied.');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator('#page-url').inputValue());
    } finally {
      await page.context().close();
    }
  });
});

describe('/links/qr.svg', () => {
  test('is a downloadable SVG QR code of the site\'s /links/ address, linked from the page', async () => {
    const response = await fetch(`${fixture.url}/links/qr.svg`);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    // Drawn from SITE_URL as the server runs with it (the fixture's own address), not the build's.
    const site = fixture.url;
    const expected = await QRCode.toString(new URL('/links/', site).href, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 4,
      color: { dark: '#000000', light: '#ffffff' },
    });
    expect(await response.text()).toBe(expected);
    const html = await (await fetch(`${fixture.url}/links/`)).text();
    expect(html).toMatch(/<a class="text-link" href="\/links\/qr\.svg" download="fixture-creator-qr\.svg">/);
  });
});

describe('/links/ budgets', () => {
  test('HTML+CSS is at most 30 KB gzipped and no script blocks rendering (demo and fixture builds)', async () => {
    for (const base of [demo.url, fixture.url]) {
      const html = await (await fetch(`${base}/links/`)).text();
      const stylesheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
      const css = await Promise.all(stylesheets.map(async (href) => (await fetch(new URL(href, base))).text()));
      const gzipped = gzipSync(html + css.join('')).length;
      console.log(`/links/ on ${base === demo.url ? 'demo' : 'fixture'}: ${html.length} B HTML, ${gzipped} B gzipped`);
      expect(gzipped).toBeLessThanOrEqual(30 * 1024);
      const blocking = [...html.matchAll(/<script\b[^>]*\bsrc=[^>]*>/g)].filter((m) => !/type="module"|\basync\b|\bdefer\b/.test(m[0]));
      expect(blocking).toEqual([]);
    }
  });

  test('every control is at least 44 px in both directions, on phone and desktop', async () => {
    for (const desktop of [false, true]) {
      const page = await open(`${fixture.url}/links/`, { desktop });
      try {
        await page.waitForSelector('#chips');
        const small = await page.evaluate(() =>
          [...document.querySelectorAll('a, button, input:not([type=hidden]):not([type=checkbox]), label.consent')]
            // The signup form's honeypot is hidden from people (aria-hidden, off-screen).
            .filter((el) => !el.closest('[aria-hidden="true"]'))
            .map((el) => ({ el, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
            .map(({ el, box }) => `${el.outerHTML.slice(0, 80)} ${Math.round(box.width)}×${Math.round(box.height)}`),
        );
        expect(small).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('/links/ accessibility (axe-core in Chromium)', () => {
  test('no serious or critical violations: demo and fixture themes, light and dark, filtered shelf', async () => {
    const cases = [
      { url: `${demo.url}/links/` },
      { url: `${demo.url}/links/`, dark: true },
      { url: `${fixture.url}/links/` },
      { url: `${fixture.url}/links/`, dark: true, desktop: true },
      { url: `${fixture.url}/links/?category=balls` },
    ];
    for (const { url, ...options } of cases) {
      const page = await open(url, options);
      try {
        await page.waitForLoadState('networkidle');
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
        });
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious, `${url} ${JSON.stringify(options)}`).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  });
});
