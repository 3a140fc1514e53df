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
