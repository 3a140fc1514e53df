import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { parse } from 'yaml';
import type { MerchantLink } from '../../src/site/content-schemas.ts';

export interface BuiltPage {
  /** URL path, e.g. "/posts/x/" ("/404.html" for the 404 page). */
  path: string;
  html: string;
  doc: Document;
}

/** Every HTML page in a build's client folder, parsed. */
export function readPages(clientDir: string): BuiltPage[] {
  const files = readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  return files.sort().map((file) => {
    const rel = relative(clientDir, join(clientDir, file)).split(sep).join('/');
    const path = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
    const html = readFileSync(join(clientDir, file), 'utf8');
    return { path, html, doc: parseDocument(html) };
  });
}

export function findElements(doc: Document | Element, test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, doc.children);
}

/** Merchant links of every product in a content folder, by slug (read straight from the YAML). */
export function readMerchantLinks(contentDir: string): Map<string, MerchantLink> {
  const links = new Map<string, MerchantLink>();
  const dir = join(contentDir, 'products');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const product = parse(readFileSync(join(dir, file), 'utf8')) as { links: MerchantLink[] };
    for (const link of product.links) links.set(link.slug, link);
  }
  return links;
}

/** Paths that are not pages to crawl: tracked redirects, the API, the stats area, files. */
const NOT_A_PAGE = /^\/(go|api|stats|_astro|_perch|email-images)\/|\.(xml|txt|png|svg|jpe?g|webp|avif|pdf|ico|json)$/;

/**
 * Every page reachable by following links from `/` on a running server, fetched and parsed
 * (the site's pages are rendered on demand, so there are no files to read). The 404 page is
 * added as "/404.html", fetched at an address that does not exist.
 */
export async function crawlPages(baseUrl: string, start: string[] = ['/']): Promise<BuiltPage[]> {
  const seen = new Set<string>(start);
  const queue = [...start];
  const pages: BuiltPage[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    const response = await fetch(baseUrl + path);
    if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/html')) continue;
    const html = await response.text();
    const doc = parseDocument(html);
    pages.push({ path, html, doc });
    for (const a of findElements(doc, (el) => el.name === 'a' && !!el.attribs.href)) {
      const url = new URL(a.attribs.href, baseUrl + path);
      if (url.origin !== new URL(baseUrl).origin || NOT_A_PAGE.test(url.pathname) || seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      queue.push(url.pathname);
    }
  }
  const missing = await fetch(`${baseUrl}/no-such-page/`);
  const html = await missing.text();
  pages.push({ path: '/404.html', html, doc: parseDocument(html) });
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}
