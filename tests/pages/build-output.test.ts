import { DomUtils } from 'htmlparser2';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAmazonLink } from '../../src/site/disclosure.ts';
import { REL_SPONSORED } from '../../src/site/links.ts';
import { crawlPages, findElements, readMerchantLinks, type BuiltPage } from '../support/dist.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { buildSite, FIXTURE_CONTENT, type SiteBuild } from '../support/site-build.ts';

// The same checks run over the real build (dist/, the demo content) and over a build of the
// fixture content, which uses every component, a draft and a scheduled post on purpose. Pages
// are rendered on demand, so each build is served and crawled from its home page: a page the
// crawl does not reach is a page no visitor or search engine reaches either.
const root = fileURLToPath(new URL('../..', import.meta.url));
let fixture: SiteBuild;
let demoServer: RunningServer;
let fixtureServer: RunningServer;
const crawled = new Map<string, BuiltPage[]>();

beforeAll(async () => {
  fixture = await buildSite(FIXTURE_CONTENT);
  if (!fixture.ok) throw new Error(`fixture build failed:\n${fixture.output}`);
  [demoServer, fixtureServer] = await Promise.all([startServer(), startServer({}, { root: fixture.dir })]);
  crawled.set('demo', await crawlPages(demoServer.url));
  crawled.set('fixture', await crawlPages(fixtureServer.url));
}, 300_000);
afterAll(async () => {
  await demoServer?.stop();
  await fixtureServer?.stop();
  fixture?.cleanup();
});

const sites = [
  { name: 'demo build (dist/)', key: 'demo', server: () => demoServer, client: () => join(root, 'dist/client'), content: () => join(root, 'content') },
  { name: 'fixture build', key: 'fixture', server: () => fixtureServer, client: () => join(fixture.dir, 'dist/client'), content: () => fixture.contentDir },
];
const fetchText = async (server: RunningServer, path: string) => (await fetch(server.url + path)).text();

const goLinks = (page: BuiltPage) => findElements(page.doc, (el) => el.name === 'a' && /\/go\//.test(el.attribs.href ?? ''));
const inMain = (page: BuiltPage) => findElements(page.doc, (el) => el.name === 'main')[0];
const jsonLd = (page: BuiltPage) =>
  findElements(page.doc, (el) => el.name === 'script' && el.attribs.type === 'application/ld+json').map((s) => JSON.parse(s.children.map((c) => ('data' in c ? c.data : '')).join('')));

describe.each(sites)('$name', (site) => {
  const pages = () => crawled.get(site.key)!;
  // The link-in-bio page draws its own head (src/bio); the others share the site layout's.
  const sitePages = () => pages().filter((p) => p.path !== '/links/');

  test('every affiliate link goes through /go/ with the page as source, a placement and rel="sponsored nofollow noopener"', () => {
    const merchantUrls = new Set([...readMerchantLinks(site.content()).values()].map((l) => l.url));
    let count = 0;
    for (const page of sitePages()) {
      for (const a of goLinks(page)) {
        count++;
        const url = new URL(a.attribs.href, 'http://site.test');
        expect(a.attribs.href, page.path).toMatch(/^\/go\/[a-z0-9-]+\?/);
        expect(a.attribs.rel, page.path).toBe(REL_SPONSORED);
        expect(a.attribs.target, page.path).toBeUndefined();
        expect(url.searchParams.get('src'), page.path).toBe(page.path);
        expect(url.searchParams.get('pos'), page.path).toMatch(/^[a-z]+(-[a-z]+)*:[a-z0-9-]+$/);
      }
      const direct = findElements(page.doc, (el) => el.name === 'a' && merchantUrls.has(el.attribs.href));
      expect(direct.map((a) => a.attribs.href), `${page.path} links a merchant directly`).toEqual([]);
    }
    expect(count).toBeGreaterThan(0);
  });

  test('the disclosure appears before the first /go/ link on exactly the pages that have one, with Amazon wording when an Amazon link is present', () => {
    const links = readMerchantLinks(site.content());
    for (const page of sitePages()) {
      const first = page.html.indexOf('href="/go/');
      const disclosures = page.html.split('data-disclosure').length - 1;
      if (first === -1) {
        expect(disclosures, `${page.path} has no affiliate link but shows a disclosure`).toBe(0);
        continue;
      }
      expect(disclosures, `${page.path} needs one disclosure`).toBe(1);
      expect(page.html.indexOf('data-disclosure'), `${page.path}: disclosure must precede the first link`).toBeLessThan(first);
      const slugs = goLinks(page).map((a) => new URL(a.attribs.href, 'http://site.test').pathname.slice('/go/'.length));
      const amazon = slugs.some((slug) => isAmazonLink(links.get(slug)!));
      expect(page.html.includes('data-amazon-disclosure'), `${page.path} Amazon wording`).toBe(amazon);
    }
  });

  test('Product JSON-LD has offers from the price text, the review date and the pros/cons shown; Article names its author', () => {
    const products = pages().filter((p) => /^\/products\/[^/]+\/$/.test(p.path));
    expect(products.length).toBeGreaterThan(0);
    for (const page of products) {
      const product = jsonLd(page).find((d) => d['@type'] === 'Product');
      const price = findElements(page.doc, (el) => el.attribs.class === 'price')[0];
      if (price && /^\$\d+(\.\d\d)?$/.test(DomUtils.textContent(price).trim())) {
        expect(product.offers, page.path).toMatchObject({ '@type': 'Offer', priceCurrency: 'USD' });
        expect(Number(product.offers.price), page.path).toBeCloseTo(Number(DomUtils.textContent(price).replace(/[$,]/g, '')));
      }
      if (price && !/^\$\d+(\.\d\d)?$/.test(DomUtils.textContent(price).trim())) expect(product.offers, `${page.path}: "${DomUtils.textContent(price)}" is no plain price`).toBeUndefined();
      expect(product.image, page.path).toMatch(/\.(png|jpe?g|webp)$/);
      const pros = findElements(page.doc, (el) => el.name === 'div' && /\bpros\b/.test(el.attribs.class ?? ''));
      if (pros.length) expect(product.review.positiveNotes.itemListElement.length, page.path).toBeGreaterThan(0);
      if (product.review && page.html.includes('Recommended in')) expect(product.review.datePublished, page.path).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const page of pages().filter((p) => p.path.startsWith('/posts/'))) {
      const article = jsonLd(page).find((d) => d['@type'] === 'Article');
      expect(['Person', 'Organization'], page.path).toContain(article.author['@type']);
      expect(article.image, page.path).toMatch(/\.(png|jpe?g|webp)$/);
    }
  });

  test('JSON-LD parses: Article on every article, Product on every product (with a Review when rated)', () => {
    for (const page of pages()) {
      const data = jsonLd(page);
      if (page.path.startsWith('/posts/')) {
        const article = data.find((d) => d['@type'] === 'Article');
        expect(article?.headline, page.path).toBeTruthy();
        expect(new Date(article.datePublished).getTime(), page.path).not.toBeNaN();
      }
      if (/^\/products\/[^/]+\/$/.test(page.path)) {
        const product = data.find((d) => d['@type'] === 'Product');
        expect(product?.name, page.path).toBeTruthy();
        const rated = page.html.includes('class="rating"');
        expect(product.review?.reviewRating?.ratingValue !== undefined, page.path).toBe(rated);
      }
    }
  });

  test('article pages ship no client JavaScript bundles: only small inline enhancements', () => {
    const articles = pages().filter((p) => p.path.startsWith('/posts/'));
    expect(articles.length).toBeGreaterThan(0);
    for (const page of articles) {
      const scripts = findElements(page.doc, (el) => el.name === 'script' && el.attribs.type !== 'application/ld+json');
      // The signup form's progressive enhancement and the view beacon are inline; nothing is
      // loaded from a file, nothing hydrates, and together they stay tiny.
      expect(scripts.filter((s) => s.attribs.src).map((s) => s.attribs.src), page.path).toEqual([]);
      const inlineBytes = scripts.reduce((sum, s) => sum + DomUtils.textContent(s).length, 0);
      expect(inlineBytes, page.path).toBeLessThan(2048);
      expect(page.html, page.path).not.toMatch(/rel="modulepreload"|as="script"|\.js"|<astro-island/);
    }
  });

  test('images reserve their size; only the hero loads eagerly, everything else in <main> is lazy', () => {
    for (const page of pages()) {
      const main = inMain(page);
      const images = main ? findElements(main, (el) => el.name === 'img') : [];
      const eager = images.filter((img) => img.attribs.loading !== 'lazy');
      for (const img of images) {
        expect(img.attribs.width && img.attribs.height, `${page.path} ${img.attribs.src}`).toBeTruthy();
        expect('alt' in img.attribs, `${page.path} ${img.attribs.src} alt`).toBe(true);
      }
      expect(eager.length, page.path).toBeLessThanOrEqual(1);
      for (const img of eager) expect(img.attribs.fetchpriority, page.path).toBe('high');
      if (page.path.startsWith('/posts/') && page.html.includes('class="hero"')) expect(eager).toHaveLength(1);
    }
  });

  test('every page has a canonical URL, Open Graph and Twitter cards with an image', () => {
    for (const page of sitePages()) {
      const meta = (attr: string, value: string) => findElements(page.doc, (el) => el.attribs[attr] === value)[0]?.attribs;
      const canonical = meta('rel', 'canonical')?.href;
      if (page.path !== '/404.html') expect(new URL(canonical).pathname, page.path).toBe(page.path);
      expect(meta('property', 'og:title')?.content, page.path).toBeTruthy();
      expect(meta('property', 'og:image')?.content, page.path).toMatch(/^https?:\/\/.+\.(png|jpe?g|webp)$/);
      expect(meta('name', 'twitter:card')?.content, page.path).toBe('summary_large_image');
    }
  });

  test('the sitemap lists exactly the indexable pages a visitor can reach from /, each with a lastmod', async () => {
    const xml = new XMLParser().parse(await fetchText(site.server(), '/sitemap-0.xml'));
    const urls: { loc: string; lastmod: string }[] = [xml.urlset.url].flat();
    for (const u of urls) expect(new Date(u.lastmod).getTime(), u.loc).not.toBeNaN();
    const listed = urls.map((u) => new URL(u.loc).pathname).sort();
    const indexable = pages()
      .filter((p) => p.path !== '/404.html' && !findElements(p.doc, (el) => el.name === 'meta' && el.attribs.name === 'robots' && /noindex/.test(el.attribs.content)).length)
      .map((p) => p.path)
      .sort();
    expect(listed).toEqual(indexable);
    const index = new XMLParser().parse(await fetchText(site.server(), '/sitemap-index.xml'));
    expect(new URL(index.sitemapindex.sitemap.loc).pathname).toBe('/sitemap-0.xml');
  });

  test('every product page is reachable by a link from the site', () => {
    const products = pages().map((p) => p.path).filter((p) => /^\/products\/[^/]+\/$/.test(p));
    const files = readdirSync(join(site.content(), 'products')).filter((f) => f.endsWith('.yaml')).map((f) => `/products/${f.replace(/\.yaml$/, '')}/`);
    expect(products.sort()).toEqual(files.sort());
  });

  test('the RSS feed parses with a feed parser: language, self link, lastBuildDate, full content with tracked links', async () => {
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await fetchText(site.server(), '/rss.xml'));
    const channel = feed.rss.channel;
    expect(channel.language).toMatch(/^[a-z]{2}/);
    expect(channel['atom:link']['@_rel']).toBe('self');
    expect(new URL(channel['atom:link']['@_href']).pathname).toBe('/rss.xml');
    expect(new Date(channel.lastBuildDate).getTime()).not.toBeNaN();
    const items = [channel.item].flat();
    const articles = pages().filter((p) => p.path.startsWith('/posts/'));
    expect(items.map((i) => new URL(i.link).pathname).sort()).toEqual(articles.map((p) => p.path).sort());
    for (const item of items) {
      expect(item['content:encoded'].length, item.link).toBeGreaterThan(item.description.length);
      const direct = [...readMerchantLinks(site.content()).values()].filter((l) => item['content:encoded'].includes(`href="${l.url}"`));
      expect(direct, item.link).toEqual([]);
      if (item['content:encoded'].includes('/go/')) expect(item['content:encoded'].indexOf('<em>'), item.link).toBeLessThan(item['content:encoded'].indexOf('/go/'));
    }
  });

  test('titles fit search results; every share image has alt text for Twitter too', () => {
    for (const page of sitePages()) {
      const title = DomUtils.textContent(findElements(page.doc, (el) => el.name === 'title')[0]);
      expect(title.length, `${page.path}: ${title}`).toBeLessThanOrEqual(60);
      const alt = findElements(page.doc, (el) => el.attribs.name === 'twitter:image:alt')[0]?.attribs.content;
      expect(alt, page.path).toBeTruthy();
    }
  });

  test('robots.txt keeps /go/ out; the sitemap lists pages but no /go/; the default share image is a 1200×630 PNG', async () => {
    const robots = await fetchText(site.server(), '/robots.txt');
    expect(robots).toMatch(/^Disallow: \/go\/$/m);
    expect(robots).toMatch(/^Disallow: \/stats$/m);
    expect(robots).toMatch(/^Sitemap: https?:\/\/.+\/sitemap-index\.xml$/m);
    const sitemap = await fetchText(site.server(), '/sitemap-0.xml');
    expect(sitemap).not.toContain('/go/');
    for (const page of pages().filter((p) => p.path.startsWith('/posts/'))) expect(sitemap).toContain(`${page.path}</loc>`);
    const meta = await sharp(join(site.client(), 'og-default.png')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
  });
});

describe('fixture build: what is public and what the disclosure says', () => {
  const page = (path: string) => crawled.get('fixture')!.find((p) => p.path === path)!;

  test('drafts and scheduled posts are left out of pages, tags, the feed and the sitemap', async () => {
    for (const hidden of ['posts/draft', 'posts/future', 'tags/drafts-only', 'tags/future-only']) {
      expect((await fetch(`${fixtureServer.url}/${hidden}/`)).status, hidden).toBe(404);
    }
    const rss = await fetchText(fixtureServer, '/rss.xml');
    const sitemap = await fetchText(fixtureServer, '/sitemap-0.xml');
    for (const text of [rss, sitemap, page('/').html]) {
      expect(text).toContain('/posts/all-components/');
      expect(text).not.toMatch(/posts\/(draft|future)/);
    }
    expect(rss).toContain('<title>Only a shoe</title>');
  });

  test('links pasted into a body go through /go/ when the catalog has their destination, with the disclosure', () => {
    const pasted = page('/posts/pasted-links/');
    expect(goLinks(pasted).map((a) => [a.attribs.href, a.attribs.rel])).toEqual([
      ['/go/alpha-amazon?src=%2Fposts%2Fpasted-links%2F&pos=body-link%3Aalpha-amazon', REL_SPONSORED],
      ['/go/alpha-direct?src=%2Fposts%2Fpasted-links%2F&pos=body-link%3Aalpha-direct', REL_SPONSORED],
    ]);
    expect(pasted.html).toContain('href="https://example.org/about"');
    expect(pasted.html).toContain('Fixture Amazon sentence');
  });

  test('components shown as code render no link and need no disclosure', () => {
    const html = page('/posts/pros-cons-only/').html;
    expect(html).not.toContain('/go/');
    expect(html).not.toContain('data-disclosure');
    expect(html).toContain('&lt;BuyButton link=&quot;alpha-amazon&quot; /&gt;');
  });

  test('a non-Amazon link gets the disclosure without the Amazon sentence; an Amazon one gets both', () => {
    expect(page('/posts/no-amazon/').html).toContain('data-disclosure');
    expect(page('/posts/no-amazon/').html).not.toContain('Fixture Amazon sentence');
    expect(page('/posts/all-components/').html).toContain('Fixture Amazon sentence');
  });

  test('a product page lists every merchant and the articles that recommend it', () => {
    const alpha = page('/products/alpha-paddle/');
    expect(goLinks(alpha).map((a) => a.attribs.href)).toEqual([
      '/go/alpha-amazon?src=%2Fproducts%2Falpha-paddle%2F&pos=product-page%3A1',
      '/go/alpha-direct?src=%2Fproducts%2Falpha-paddle%2F&pos=product-page%3A2',
    ]);
    expect(alpha.html).toContain('href="/posts/all-components/"');
    expect(alpha.html).toContain('href="/posts/pros-cons-only/"');
    expect(alpha.html).not.toContain('href="/posts/draft/"');
    expect(page('/products/bravo-shoe/').html).toContain('href="/posts/no-amazon/"');
  });
});
