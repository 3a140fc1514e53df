/**
 * The redirect's catalog, live: the links built from content, with the studio's links and
 * overrides (table studio_links) layered on top. The server keeps the layered catalog in
 * memory and swaps it when the studio's change counter moves, so /go/ never waits on the
 * database and a studio change is live within a poll interval (at once in the same process).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studioChanges, studioLinks } from '../../db/schema/studio.ts';
import { NETWORKS } from '../site/content-schemas.ts';
import type { CatalogLink, LinkCatalog, Network } from './link-catalog.ts';

/** A studio row as the catalog needs it. */
export interface LinkOverride {
  slug: string;
  kind: 'new' | 'override';
  url: string;
  network: string;
  subIdParam: string | null;
  endsAt: Date | null;
  fallback: string | null;
  paused: boolean;
  productId: string | null;
}

// A paused link behaves as one that ended at the start of time: it always falls back.
const PAUSED_AT = new Date(0).toISOString();

/** The content catalog with every studio link added and every override replacing its content link. */
export function layerCatalog(base: LinkCatalog, overrides: readonly LinkOverride[]): LinkCatalog {
  const links: Record<string, CatalogLink> = { ...base.links };
  for (const o of overrides) {
    const network = (NETWORKS as readonly string[]).includes(o.network) ? (o.network as Network) : 'other';
    const productId = o.productId ?? base.links[o.slug]?.productId;
    const endsAt = o.paused ? PAUSED_AT : o.endsAt?.toISOString();
    links[o.slug] = {
      slug: o.slug,
      url: o.url,
      network,
      ...(o.subIdParam && { subIdParam: o.subIdParam }),
      ...(endsAt && { endsAt }),
      ...(o.fallback && { fallback: o.fallback }),
      ...(productId && { productId }),
    };
  }
  return { links };
}

/** The studio's change counter for a key ("links", "bio"); 0 before the first change. */
export async function readChangeVersion(db: Db, key: string): Promise<number> {
  const [row] = await db.select({ version: studioChanges.version }).from(studioChanges).where(eq(studioChanges.key, key));
  return row?.version ?? 0;
}

/** Every studio link row, for layering. */
export async function readOverrides(db: Db): Promise<LinkOverride[]> {
  return db.select().from(studioLinks);
}

export interface LiveCatalog {
  /** Re-reads the studio's links now (the studio calls this after a save in the same process). */
  refresh: () => Promise<void>;
  stop: () => void;
}

const SIGNAL = Symbol.for('perch.links-changed');

/** Tells a live catalog in this process that the studio changed links (no-op when there is none). */
export function signalLinksChanged(): void {
  const listener = (globalThis as { [SIGNAL]?: () => void })[SIGNAL];
  listener?.();
}

/**
 * Keeps `target.catalog` equal to content + studio links: polls the "links" change counter
 * every `intervalMs` (one indexed row read) and reloads the rows only when it moved. A failing
 * database keeps the last good catalog; the error is logged at most once a minute.
 */
export function startLiveCatalog(db: Db, target: { catalog: LinkCatalog }, options: { intervalMs?: number; log?: (m: string) => void } = {}): LiveCatalog {
  const base = target.catalog;
  const log = options.log ?? console.error;
  let seen = -1;
  let running: Promise<void> | undefined;
  let again = false;
  let lastLog = 0;
  const check = async (force: boolean) => {
    try {
      const version = await readChangeVersion(db, 'links');
      if (version === seen && !force) return;
      target.catalog = layerCatalog(base, await readOverrides(db));
      seen = version;
    } catch (error) {
      if (Date.now() - lastLog > 60_000) log(`Studio links could not be read (${(error as Error).message}); serving the last known links.`);
      lastLog = Date.now();
    }
  };
  // One read at a time; a change signalled during a read gets a fresh read right after it.
  const run = (force = false): Promise<void> => {
    if (running) {
      again ||= force;
      return running;
    }
    running = (async () => {
      await check(force);
      while (again) {
        again = false;
        await check(true);
      }
    })().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs ?? 500);
  timer.unref();
  (globalThis as { [SIGNAL]?: () => void })[SIGNAL] = () => void run(true);
  void run(true);
  return {
    refresh: () => run(true),
    stop: () => {
      clearInterval(timer);
      delete (globalThis as { [SIGNAL]?: () => void })[SIGNAL];
    },
  };
}
