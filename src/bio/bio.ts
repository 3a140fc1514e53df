/**
 * The link-in-bio page's data rules, as plain functions over content data: which entries
 * show at a given moment, where each button goes, and what the "my picks" shelf holds.
 * The page resolves everything once at start-up and only calls `selectVisible` per request.
 */
import type { BioEntry, MerchantLink, Product } from '../site/content-schemas.ts';
import { getDisclosureNeed, type DisclosureNeed } from '../site/disclosure.ts';

/** A product as content collections hand it over: file name plus validated data. */
export interface ProductRecord {
  id: string;
  data: Product;
}

/** A bio entry turned into a button: everything the page needs, no further look-ups. */
export interface BioButton {
  title: string;
  /** The `/go/<slug>` slug that counts the click. */
  slug: string;
  /** 1-based position in content/bio.yaml: the placement stays stable as entries come and go. */
  position: number;
  /** Affiliate links get rel="sponsored" and call for the disclosure. */
  affiliate: boolean;
  network?: MerchantLink['network'];
  /** The merchant destination of an affiliate button (decides the Amazon sentence by host too). */
  url?: string;
  icon?: string;
  highlight: boolean;
  showFrom?: Date;
  showUntil?: Date;
}

/** One product on the shelf with its single buy button. */
export interface ShelfItem {
  productId: string;
  name: string;
  image: string;
  imageAlt: string;
  price?: string;
  category?: string;
  slug: string;
  merchant: string;
  network: MerchantLink['network'];
  url: string;
  position: number;
}

export interface Schedule {
  showFrom?: Date;
  showUntil?: Date;
}

/** True while `now` is inside the window: from `showFrom` (inclusive) until `showUntil` (exclusive). */
export function isShownAt(schedule: Schedule, now: Date): boolean {
  const t = now.getTime();
  if (schedule.showFrom && t < schedule.showFrom.getTime()) return false;
  if (schedule.showUntil && t >= schedule.showUntil.getTime()) return false;
  return true;
}

/** The entries to show at `now`, in their content order. */
export function selectVisible<T extends Schedule>(entries: readonly T[], now: Date): T[] {
  return entries.filter((entry) => isShownAt(entry, now));
}

/**
 * The next moment the visible set changes after `now` (a window opens or closes), or
 * undefined if none is scheduled: it bounds how long a response may be cached.
 */
export function nextChangeAfter(entries: readonly Schedule[], now: Date): Date | undefined {
  const times = entries
    .flatMap((e) => [e.showFrom, e.showUntil])
    .filter((d): d is Date => !!d && d.getTime() > now.getTime())
    .map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}

function findLink(products: readonly ProductRecord[], slug: string): MerchantLink | undefined {
  for (const product of products) {
    const link = product.data.links.find((l) => l.slug === slug);
    if (link) return link;
  }
  return undefined;
}

type Resolved = { ok: true; link: MerchantLink } | { ok: false; problem: string };

/** Tracked links outside content/products (the studio's), by slug: their network decides the sponsored marking. */
export type OtherLinks = ReadonlyMap<string, MerchantLink['network']>;

type Reference = { ok: true; slug: string; network: MerchantLink['network']; url?: string } | { ok: false; problem: string };

function resolveReference(entry: BioEntry, products: readonly ProductRecord[], others: OtherLinks): Reference {
  const found = resolveProductReference(entry, products);
  if (found.ok) return { ok: true, slug: found.link.slug, network: found.link.network, url: found.link.url };
  const network = entry.link ? others.get(entry.link) : undefined;
  return network ? { ok: true, slug: entry.link!, network } : found;
}

function resolveProductReference(entry: BioEntry, products: readonly ProductRecord[]): Resolved {
  const productId = entry.product ?? entry.link!;
  // `link` names a merchant link slug, or (as a convenience) a product id.
  const link = entry.link ? findLink(products, entry.link) : undefined;
  if (link) return { ok: true, link };
  const product = products.find((p) => p.id === productId);
  if (product) return { ok: true, link: product.data.links[0] };
  const what = entry.product ? `product "${entry.product}"` : `link "${entry.link}"`;
  return {
    ok: false,
    problem: `bio entry "${entry.title}" points at ${what}, which is not a product file in content/products nor one of their merchant link slugs`,
  };
}

/**
 * Turns the entries of content/bio.yaml into buttons. References to products or merchant
 * links that do not exist come back as problems (sentences naming the entry), not buttons.
 */
export function resolveBioEntries(
  entries: readonly BioEntry[],
  products: readonly ProductRecord[],
  others: OtherLinks = new Map(),
): { buttons: BioButton[]; problems: string[] } {
  const buttons: BioButton[] = [];
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const common = {
      title: entry.title,
      // A studio entry's stable id; a file's entries are numbered by position.
      position: entry.id ?? i + 1,
      icon: entry.icon,
      highlight: entry.highlight,
      showFrom: entry.showFrom,
      showUntil: entry.showUntil,
    };
    if (entry.url) {
      buttons.push({ ...common, slug: entry.slug!, affiliate: false });
      return;
    }
    const resolved = resolveReference(entry, products, others);
    if (!resolved.ok) problems.push(resolved.problem);
    else buttons.push({ ...common, slug: resolved.slug, affiliate: true, network: resolved.network, url: resolved.url });
  });
  return { buttons, problems };
}

/** The "my picks" shelf: each picked product with its first merchant link, in pick order. */
export function buildShelf(
  picks: readonly (string | { id: number; product: string })[],
  products: readonly ProductRecord[],
): { items: ShelfItem[]; problems: string[] } {
  const items: ShelfItem[] = [];
  const problems: string[] = [];
  picks.forEach((pick, i) => {
    const id = typeof pick === 'string' ? pick : pick.product;
    const product = products.find((p) => p.id === id);
    if (!product) {
      problems.push(`picks in content/bio.yaml names "${id}", but there is no content/products/${id}.yaml`);
      return;
    }
    const { data } = product;
    const link = data.links[0];
    items.push({
      productId: id,
      name: data.name,
      image: data.image,
      imageAlt: data.imageAlt ?? '',
      price: data.price,
      category: data.category,
      slug: link.slug,
      merchant: link.merchant,
      network: link.network,
      url: link.url,
      position: typeof pick === 'string' ? i + 1 : pick.id,
    });
  });
  return { items, problems };
}

/** The disclosure the page needs for the buttons it shows and its shelf: the site-wide rule. */
export function bioDisclosure(visible: readonly BioButton[], shelf: readonly ShelfItem[]): DisclosureNeed {
  const links = [...visible.filter((b) => b.affiliate), ...shelf].map((x) => ({ network: x.network ?? 'other', url: x.url ?? '' }));
  return getDisclosureNeed(links);
}

/** Distinct shelf categories in order of first appearance (the filter chips). */
export function listCategories(items: readonly ShelfItem[]): string[] {
  return [...new Set(items.map((item) => item.category).filter((c): c is string => !!c))];
}
