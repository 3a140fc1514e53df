/**
 * Where a /go/<slug> request goes, and what it carries. Only the catalog decides the
 * destination: nothing from the request (path, query, headers) ever becomes part of it.
 */
import { SLUG_PATTERN } from '../site/content-schemas.ts';
import type { ClickOrigin } from '../site/links.ts';
import type { CatalogLink, LinkCatalog, Network } from './link-catalog.ts';

export type Destination =
  | { kind: 'merchant'; link: CatalogLink }
  /** A page of this site (an ended link's product page). */
  | { kind: 'page'; path: string };

/**
 * The slug of a `/go/…` path, or null when the path cannot be one: encoded characters,
 * extra segments and `//host` forms are refused here, before any lookup.
 */
export function getGoSlug(pathname: string): string | null {
  if (!pathname.startsWith('/go/')) return null;
  const rest = pathname.slice(4).replace(/\/$/, '');
  return rest.length <= 100 && SLUG_PATTERN.test(rest) ? rest : null;
}

/**
 * The destination of a slug at a given time, following ended links to their fallback
 * (the product page by default). Null for an unknown slug.
 */
export function resolveDestination(catalog: LinkCatalog, slug: string, now: Date): Destination | null {
  let link = catalog.links[slug];
  if (!link) return null;
  // A few hops at most: fallback chains are checked at build time, this guards a stale file.
  for (let hop = 0; hop < 5; hop++) {
    if (!link.endsAt || now.getTime() < Date.parse(link.endsAt)) return { kind: 'merchant', link };
    const next: CatalogLink | undefined = link.fallback && link.fallback !== 'product' && link.fallback !== 'home' ? catalog.links[link.fallback] : undefined;
    if (!next) break;
    link = next;
  }
  if (link.fallback === 'home') return { kind: 'page', path: '/' };
  return link.productId ? { kind: 'page', path: `/products/${link.productId}/` } : null;
}

/** The sub-ID query parameter each known network reads back in its commission reports. */
export const SUB_ID_PARAMS: Record<Network, string | null> = {
  amazon: 'ascsubtag',
  impact: 'subId1',
  shareasale: 'afftrack',
  cj: 'sid',
  rakuten: 'u1',
  other: null,
};

/**
 * The destination URL carrying the click id in the network's sub-ID parameter (or the
 * link's own `subIdParam`: a name, or `name=template` with `{clickId}`). The rest of the
 * URL is kept byte for byte; a sub-ID parameter already there is replaced.
 */
export function withSubId(link: Pick<CatalogLink, 'url' | 'network' | 'subIdParam'>, clickId: string): string {
  let build = builders.get(link);
  if (!build) builders.set(link, (build = subIdBuilder(link)));
  return build(clickId);
}

// The URL is taken apart once per link, not on every click: this runs on the hot path.
const builders = new WeakMap<object, (clickId: string) => string>();

function subIdBuilder(link: Pick<CatalogLink, 'url' | 'network' | 'subIdParam'>): (clickId: string) => string {
  const [name, template = '{clickId}'] = (link.subIdParam ?? SUB_ID_PARAMS[link.network] ?? '').split('=', 2);
  if (!name) return () => link.url;
  const hashAt = link.url.indexOf('#');
  const base = hashAt === -1 ? link.url : link.url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : link.url.slice(hashAt);
  const queryAt = base.indexOf('?');
  const path = queryAt === -1 ? base : base.slice(0, queryAt);
  const kept = queryAt === -1 ? [] : base.slice(queryAt + 1).split('&').filter((p) => p && p.split('=')[0] !== name);
  const prefix = `${path}?${[...kept, `${name}=`].join('&')}`;
  const parts = template.split('{clickId}').map(encodeURIComponent);
  // One placeholder (every template in practice): what comes before and after it joined once here.
  if (parts.length === 2) {
    const [head, tail] = [prefix + parts[0], parts[1] + hash];
    return (clickId) => head + encodeURIComponent(clickId) + tail;
  }
  return (clickId) => `${prefix}${parts.join(encodeURIComponent(clickId))}${hash}`;
}

const SOURCE_PAGE = /^\/(?![/\\])[A-Za-z0-9\-._~/%]*$/;
const SOURCE_EMAIL = /^email:[A-Za-z0-9][A-Za-z0-9\-._]*$/;
const PLACEMENT = /^[A-Za-z0-9][A-Za-z0-9\-._:#/]*$/;

/**
 * `src` and `pos` from the query, or null for each that is missing or malformed (too long,
 * not a page path or `email:<name>`). A bad value is dropped, never refused: the follower
 * still gets to the merchant.
 */
export function parseClickOrigin(query: URLSearchParams): Required<ClickOrigin> {
  const src = query.get('src');
  const pos = query.get('pos');
  return {
    source: src && src.length <= 200 && (SOURCE_PAGE.test(src) || SOURCE_EMAIL.test(src)) ? src : null,
    placement: pos && pos.length <= 100 && PLACEMENT.test(pos) ? pos : null,
  };
}

// In ASCII order, so ids sort the way they were made.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CODES = [...ALPHABET].map((c) => c.charCodeAt(0));
let pool = new Uint8Array(0);
let poolAt = 0;
const codes: number[] = new Array(14).fill(0);

/**
 * A new click id: 14 characters of [A-Za-z0-9], short enough for every network's sub-ID
 * field: 7 for the time in milliseconds (base 62, good until the year 2080), then 7 random
 * (≈42 bits, drawn from a pool so the hot path rarely asks the OS). Ids that grow with time
 * are added at the end of the clicks table's key index instead of on a random page of it.
 * Made as one string from character codes: this runs for every click.
 */
export function newClickId(now = Date.now()): string {
  for (let t = now, i = 6; i >= 0; i--, t = Math.floor(t / 62)) codes[i] = CODES[t % 62]!;
  for (let i = 7; i < 14; ) {
    if (poolAt >= pool.length) {
      pool = crypto.getRandomValues(new Uint8Array(4096));
      poolAt = 0;
    }
    const byte = pool[poolAt++]!;
    // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
    if (byte < 248) codes[i++] = CODES[byte % 62]!;
  }
  return String.fromCharCode.apply(null, codes);
}
