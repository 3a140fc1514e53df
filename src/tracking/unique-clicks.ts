/**
 * "Unique click": the first click by a visitor on a link within an hour. Decided in memory
 * when a batch is written, so the hot path never queries for it. Each process has its own
 * window, seeded from the database at start-up (a restart does not double-count); with
 * several instances behind a load balancer, a visitor whose clicks land on two instances
 * within the hour can count as unique twice.
 */
import { and, eq, gt, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clicks } from '../../db/schema/clicks.ts';

export const UNIQUE_WINDOW_MS = 60 * 60 * 1000;

export interface UniqueWindow {
  /** True when this visitor's click on this link is the first within the window; remembers it. */
  isUnique(visitorHash: string, linkSlug: string, at: number): boolean;
  /** Forgets windows that have ended; returns how many are still open. */
  prune(now: number): number;
}

/** An empty window; `seed` adds unique clicks already stored. */
export function createUniqueWindow(): UniqueWindow & { seed(visitorHash: string, linkSlug: string, at: number): void } {
  const lastUnique = new Map<string, number>();
  return {
    isUnique(visitorHash, linkSlug, at) {
      const key = `${visitorHash}|${linkSlug}`;
      const since = lastUnique.get(key);
      if (since !== undefined && at - since < UNIQUE_WINDOW_MS) return false;
      lastUnique.set(key, at);
      return true;
    },
    prune(now) {
      for (const [key, at] of lastUnique) if (now - at >= UNIQUE_WINDOW_MS) lastUnique.delete(key);
      return lastUnique.size;
    },
    seed(visitorHash, linkSlug, at) {
      const key = `${visitorHash}|${linkSlug}`;
      if ((lastUnique.get(key) ?? 0) < at) lastUnique.set(key, at);
    },
  };
}

/** Loads the unique clicks of the last hour into a window (at start-up). */
export async function seedUniqueWindow(db: Db, window: ReturnType<typeof createUniqueWindow>, now: number): Promise<void> {
  const rows = await db
    .select({ visitorHash: clicks.visitorHash, linkSlug: clicks.linkSlug, at: max(clicks.createdAt) })
    .from(clicks)
    .where(and(eq(clicks.isUnique, true), gt(clicks.createdAt, new Date(now - UNIQUE_WINDOW_MS))))
    .groupBy(clicks.visitorHash, clicks.linkSlug);
  for (const row of rows) if (row.at) window.seed(row.visitorHash, row.linkSlug, row.at.getTime());
}
