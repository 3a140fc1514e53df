// Generates a realistic year of clicks, views, subscribers and filtered hits for the stats
// benchmark and `npm run seed`. Deterministic (seeded PRNG), multi-row INSERTs in transactions.
import type { Client, InValue } from '@libsql/client';
import { DAY_MS } from '../platform/time.ts';

export interface SeedOptions {
  clicks: number;
  views: number;
  subscribers: number;
  days: number;
  /** The last day seeded is the day of `now` (UTC). */
  now?: Date;
  seed?: number;
  onProgress?: (table: string, done: number, total: number) => void;
}

const ROWS_PER_INSERT = 250;
const ROWS_PER_TRANSACTION = 50_000;

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `items` with weights ~ 1/(rank+1) (a few popular items, a long tail). */
function zipf<T>(items: T[], random: () => number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  items.forEach((_, i) => cumulative.push((sum += 1 / (i + 1))));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function weighted<T>(pairs: [T, number][], random: () => number): () => T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = random() * total;
    for (const [value, w] of pairs) if ((x -= w) < 0) return value;
    return pairs.at(-1)![0];
  };
}

/** Splits `total` over days, growing through the year with a weekly rhythm. */
function perDay(total: number, days: number): number[] {
  const weights = Array.from({ length: days }, (_, i) => (0.4 + i / days) * (i % 7 === 5 || i % 7 === 6 ? 1.25 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  counts[days - 1]! += total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

interface BatchWriter {
  add: (row: InValue[]) => Promise<void>;
  close: () => Promise<void>;
}

/** Buffers rows into multi-row INSERTs, committing a transaction every ROWS_PER_TRANSACTION rows. */
function createBatchWriter(client: Client, table: string, columns: string[], total: number, onProgress?: SeedOptions['onProgress']): BatchWriter {
  let rows: InValue[][] = [];
  let written = 0;
  let tx: Awaited<ReturnType<Client['transaction']>> | null = null;
  const one = `(${columns.map(() => '?').join(',')})`;
  async function flush(): Promise<void> {
    if (!rows.length) return;
    tx ??= await client.transaction('write');
    await tx.execute({ sql: `insert into ${table} (${columns.join(',')}) values ${rows.map(() => one).join(',')}`, args: rows.flat() });
    written += rows.length;
    rows = [];
    if (written % ROWS_PER_TRANSACTION < ROWS_PER_INSERT) await commit();
  }
  async function commit(): Promise<void> {
    if (tx) await tx.commit();
    tx = null;
    onProgress?.(table, written, total);
  }
  return {
    add: async (row) => {
      rows.push(row);
      if (rows.length >= ROWS_PER_INSERT) await flush();
    },
    close: async () => {
      await flush();
      await commit();
    },
  };
}

/** Seeds the events into a migrated database and returns the row counts written. */
export async function seedEvents(client: Client, options: SeedOptions): Promise<Record<string, number>> {
  const random = createRandom(options.seed ?? 42);
  const now = options.now ?? new Date();
  const firstDayMs = Date.parse(now.toISOString().slice(0, 10)) - (options.days - 1) * DAY_MS;
  const articles = ['/posts/best-paddles-2026/', ...Array.from({ length: 59 }, (_, i) => `/posts/article-${i + 1}/`)];
  const pages = [...articles.slice(0, 20), '/links/', '/', ...articles.slice(20), ...Array.from({ length: 30 }, (_, i) => `/products/product-${i + 1}/`)];
  const links = ['vantage-pro-16-amazon', 'vantage-pro-16-direct', 'bio-best-paddles', ...Array.from({ length: 77 }, (_, i) => `product-${(i % 40) + 1}-${['amazon', 'direct'][i % 2]}`)];
  const pickPage = zipf(pages, random);
  const pickLink = zipf([...new Set(links)], random);
  const pickNewsletter = zipf(Array.from({ length: 24 }, (_, i) => `email:newsletter-${24 - i}`), random);
  const pickPlacement = weighted<string>([['product-card:1', 30], ['product-card:2', 15], ['buy-button:1', 20], ['top-pick:1', 15], ['comparison:1', 10], ['product-card:3', 5]], random);
  const pickReferrer = weighted<string | null>([[null, 40], ['l.instagram.com', 20], ['tiktok.com', 12], ['google.com', 12], ['youtube.com', 5], ['pinterest.com', 4], ['duckduckgo.com', 3], ['reddit.com', 2], ['facebook.com', 2]], random);
  const pickDevice = weighted<string>([['mobile', 72], ['desktop', 23], ['tablet', 5]], random);
  const pickCountry = weighted<string | null>([['US', 50], ['GB', 10], ['CA', 9], ['AU', 7], ['DE', 4], ['NZ', 2], ['IE', 2], [null, 16]], random);
  const pickSource = weighted<'page' | 'email' | 'direct'>([['page', 75], ['email', 10], ['direct', 15]], random);
  let clickNumber = 0;
  // Unique per run and across runs of other seeds: the seed number, then a counter.
  const id = () => `s${options.seed ?? 42}x${(clickNumber++).toString(36)}`;
  const counts: Record<string, number> = {};

  const views = createBatchWriter(client, 'views', ['created_at', 'path', 'referrer_host', 'device', 'country', 'visitor_hash'], options.views, options.onProgress);
  perDayLoop: for (const [d, n] of perDay(options.views, options.days).entries()) {
    const visitors = Math.max(1, Math.round(n / 1.7));
    for (let i = 0; i < n; i++) {
      const at = firstDayMs + d * DAY_MS + Math.floor((i / n) * DAY_MS);
      if (at > now.getTime()) continue perDayLoop;
      await views.add([at, pickPage(), pickReferrer(), pickDevice(), pickCountry(), `v${d}-${Math.floor(random() * visitors)}`]);
    }
  }
  await views.close();

  const clicks = createBatchWriter(client, 'clicks', ['id', 'created_at', 'link_slug', 'source', 'placement', 'referrer_host', 'device', 'country', 'visitor_hash', 'is_unique'], options.clicks, options.onProgress);
  for (const [d, n] of perDay(options.clicks, options.days).entries()) {
    for (let i = 0; i < n; i++) {
      const at = Math.min(now.getTime(), firstDayMs + d * DAY_MS + Math.floor((i / n) * DAY_MS));
      const kind = pickSource();
      const source = kind === 'page' ? pickPage() : kind === 'email' ? pickNewsletter() : null;
      const placement = kind === 'page' ? (source === '/links/' ? `bio:entry-${1 + Math.floor(random() * 6)}` : pickPlacement()) : null;
      await clicks.add([id(), at, pickLink(), source, placement, kind === 'email' ? null : pickReferrer(), pickDevice(), pickCountry(), `v${d}-${Math.floor(random() * 5000)}`, random() < 0.8 ? 1 : 0]);
    }
  }
  await clicks.close();

  const subs = createBatchWriter(client, 'subscribers', ['email', 'status', 'source', 'created_at', 'confirmed_at', 'unsubscribed_at'], options.subscribers, options.onProgress);
  let s = 0;
  for (const [d, n] of perDay(options.subscribers, options.days).entries()) {
    for (let i = 0; i < n; i++, s++) {
      const at = Math.min(now.getTime(), firstDayMs + d * DAY_MS + Math.floor(random() * DAY_MS));
      const roll = random();
      const status = roll < 0.15 ? 'pending' : roll < 0.27 ? 'unsubscribed' : 'confirmed';
      const confirmedAt = status === 'pending' ? null : Math.min(now.getTime(), at + Math.floor(random() * 3_600_000));
      const unsubscribedAt = status === 'unsubscribed' ? Math.min(now.getTime(), confirmedAt! + Math.floor(random() * 60 * DAY_MS)) : null;
      const source = random() < 0.1 ? 'import:kit' : `form:${pickPage()}#${random() < 0.6 ? 'inline' : 'footer'}`;
      await subs.add([`reader${s}@example.com`, status, source, at, confirmedAt, unsubscribedAt]);
    }
  }
  await subs.close();

  const filtered = createBatchWriter(client, 'filtered_hits', ['day', 'kind', 'target', 'reason', 'count'], options.days * 40, options.onProgress);
  for (let d = 0; d < options.days; d++) {
    const day = new Date(firstDayMs + d * DAY_MS).toISOString().slice(0, 10);
    for (const reason of ['bot', 'preview', 'prefetch', 'head']) {
      for (let k = 0; k < 5; k++) {
        await filtered.add([day, 'click', links[k]!, reason, 1 + Math.floor(random() * 40)]);
        await filtered.add([day, 'view', pages[k]!, reason, 1 + Math.floor(random() * 80)]);
      }
    }
  }
  await filtered.close();

  for (const table of ['views', 'clicks', 'subscribers', 'filtered_hits']) {
    counts[table] = Number((await client.execute(`select count(*) as n from ${table}`)).rows[0]!.n);
  }
  return counts;
}
