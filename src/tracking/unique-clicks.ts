/**
 * "Unique click": the first click by a visitor on a link within an hour of their last unique
 * one. Decided in two steps, neither waiting on the database: this process's window (in
 * memory, seeded from the database at start-up) picks the candidates as each flush hashes
 * the waiting clicks, in the order they came, and the database has the last word when their
 * batch is written: a candidate stays unique only if it wins its row in `click_uniques`,
 * which every instance on the database shares (src/tracking/click-batch.ts).
 */
import { gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clickUniques } from '../../db/schema/clicks.ts';
import { UNIQUE_WINDOW_MS } from './click-batch.ts';

export { UNIQUE_WINDOW_MS } from './click-batch.ts';

export interface UniqueWindow {
  /** True when this visitor's click on this link is the first within the window; remembers it. */
  isUnique(visitorHash: string, linkSlug: string, at: number): boolean;
  /** Forgets windows that have ended; returns how many are still open. */
  prune(now: number): number;
}

/** An empty window; `seed` adds unique clicks already stored. */
export function createUniqueWindow(): UniqueWindow & { seed(visitorHash: string, linkSlug: string, at: number): void } {
  // Per link, then per visitor: no key string is built per click.
  const lastUnique = new Map<string, Map<string, number>>();
  const visitorsOf = (linkSlug: string) => {
    let visitors = lastUnique.get(linkSlug);
    if (!visitors) lastUnique.set(linkSlug, (visitors = new Map()));
    return visitors;
  };
  return {
    isUnique(visitorHash, linkSlug, at) {
      const visitors = visitorsOf(linkSlug);
      const since = visitors.get(visitorHash);
      if (since !== undefined && at - since < UNIQUE_WINDOW_MS) return false;
      visitors.set(visitorHash, at);
      return true;
    },
    prune(now) {
      let open = 0;
      for (const [linkSlug, visitors] of lastUnique) {
        for (const [visitor, at] of visitors) if (now - at >= UNIQUE_WINDOW_MS) visitors.delete(visitor);
        if (!visitors.size) lastUnique.delete(linkSlug);
        open += visitors.size;
      }
      return open;
    },
    seed(visitorHash, linkSlug, at) {
      const visitors = visitorsOf(linkSlug);
      if ((visitors.get(visitorHash) ?? 0) < at) visitors.set(visitorHash, at);
    },
  };
}

/** Loads the unique clicks of the last hour, from every instance, into a window (at start-up). */
export async function seedUniqueWindow(db: Db, window: ReturnType<typeof createUniqueWindow>, now: number): Promise<void> {
  const rows = await db.select().from(clickUniques).where(gt(clickUniques.at, now - UNIQUE_WINDOW_MS));
  for (const row of rows) window.seed(row.visitorHash, row.linkSlug, row.at);
}
