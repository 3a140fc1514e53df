/**
 * Links pasted into an article or newsletter body (Markdown `[text](url)`, `<url>`, or an
 * `href="…"` attribute) that go to an affiliate or merchant host. Each is matched to the
 * catalog's merchant link with that destination, so it can be rewritten to /go/<slug>; one
 * that matches nothing is reported with its line, and the build stops.
 */
import type { Catalog } from './catalog.ts';
import type { MerchantLink } from './content-schemas.ts';
import { blankCode } from './affiliate-refs.ts';
import { affiliateNetworkOf, parseWebUrl, sameDestination } from './affiliate-hosts.ts';

export interface BodyLink {
  href: string;
  /** 1-based line within the body. */
  line: number;
  network?: string;
  /** Written as an HTML/JSX `<a href>`, which the page cannot rewrite (only Markdown links). */
  html: boolean;
  /** The catalog link with the same destination, when there is one. */
  slug?: string;
  link?: MerchantLink;
}

type LinkIndex = Pick<Catalog, 'links'>;

const LINK_PATTERNS = [/\]\(\s*<?(https?:\/\/[^\s)>]+)>?/g, /<(https?:\/\/[^\s>]+)>/g, /\bhref\s*=\s*\{?\s*["'`](https?:\/\/[^"'`]+)["'`]/g];

/** The catalog's merchant link whose address is this one's destination. */
export function findCatalogLink(url: URL, catalog: LinkIndex): { slug: string; link: MerchantLink } | undefined {
  for (const [slug, { link }] of catalog.links) {
    const target = parseWebUrl(link.url);
    if (target && sameDestination(url, target)) return { slug, link };
  }
  return undefined;
}

/** Hosts of the catalog's merchant links: a pasted link to one of them is a merchant link too. */
export function merchantHosts(catalog: LinkIndex): Set<string> {
  const hosts = new Set<string>();
  for (const { link } of catalog.links.values()) {
    const url = parseWebUrl(link.url);
    if (url) hosts.add(url.hostname.toLowerCase().replace(/^www\./, ''));
  }
  return hosts;
}

/** Whether an address needs tracking and a disclosure: a known network's, Amazon's, or a catalog merchant's. */
export function isAffiliateDestination(url: URL, hosts: Set<string>): boolean {
  return !!affiliateNetworkOf(url) || hosts.has(url.hostname.toLowerCase().replace(/^www\./, ''));
}

/** Every affiliate or merchant link in a body, in order, with its catalog match if any. */
export function bodyAffiliateLinks(body: string, catalog: LinkIndex): BodyLink[] {
  const text = blankCode(body);
  const hosts = merchantHosts(catalog);
  const found: { index: number; href: string; html: boolean }[] = [];
  LINK_PATTERNS.forEach((pattern, i) => {
    for (const m of text.matchAll(pattern)) found.push({ index: m.index, href: m[1], html: i === LINK_PATTERNS.length - 1 });
  });
  return found
    .sort((a, b) => a.index - b.index)
    .flatMap(({ index, href, html }) => {
      const url = parseWebUrl(href);
      if (!url || !isAffiliateDestination(url, hosts)) return [];
      const line = text.slice(0, index).split('\n').length;
      return [{ href, line, html, network: affiliateNetworkOf(url), ...findCatalogLink(url, catalog) }];
    });
}

/** Advice for a pasted link that would ship untracked: not in the catalog, or written as HTML. */
export function untrackedLinkAdvice(link: BodyLink): string {
  if (link.slug) return `${link.href} is written as an HTML <a href>, which Perch cannot track. Write it as a Markdown link, [text](${link.href}), or as <BuyButton link="${link.slug}" />: either becomes /go/${link.slug}, tracked and disclosed.`;
  const short = /^(amzn\.|a\.co$)/i.test(new URL(link.href).hostname) ? ' A short link hides which product it is, so it cannot be matched.' : '';
  return `${link.href} is an affiliate or merchant link that Perch cannot track.${short} Add it under "links:" of the product in content/products/ (it then becomes /go/<slug>, tracked and disclosed), and use that address or <BuyButton link="<slug>" /> here.`;
}
