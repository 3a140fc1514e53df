/**
 * Link health on a schedule, inside the server: every `everyMs` the least recently checked
 * destination of the live catalog is fetched (src/tracking/link-health.ts) and its result
 * stored, so a catalog of 180 links is gone through once an hour at three a minute.
 * A link stays flagged from its first failed check until a check finds it healthy again.
 */
import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clicks } from '../../db/schema/clicks.ts';
import { linkHealth } from '../../db/schema/link-health.ts';
import { checkDestination, type Fetcher, type Health } from './link-health.ts';
import type { LinkCatalog } from './link-catalog.ts';

export type HealthRow = typeof linkHealth.$inferSelect;

/** Stores one check; `flaggedAt` keeps the start of a run of failures. */
export async function recordHealth(db: Db, slug: string, url: string, health: Health, now = new Date()): Promise<void> {
  const broken = health.state === 'broken';
  const values = {
    slug,
    url,
    state: health.state,
    reason: broken ? health.reason : null,
    detail: broken ? health.detail : null,
    status: health.status ?? null,
    checkedAt: now,
    flaggedAt: broken ? now : null,
  };
  // A link still broken at the same destination keeps its first flag time.
  const flaggedAt = broken ? sql`CASE WHEN ${linkHealth.state} = 'broken' AND ${linkHealth.url} = ${url} THEN ${linkHealth.flaggedAt} ELSE ${now.getTime()} END` : null;
  await db.insert(linkHealth).values(values).onConflictDoUpdate({ target: linkHealth.slug, set: { ...values, flaggedAt } });
}

/** The slug to check next: never checked, or checked longest ago (a changed destination counts as never). */
export async function nextToCheck(db: Db, catalog: LinkCatalog): Promise<{ slug: string; url: string } | undefined> {
  const links = Object.values(catalog.links).filter((l) => /^https?:/.test(l.url));
  if (links.length === 0) return undefined;
  const rows = await db.select({ slug: linkHealth.slug, url: linkHealth.url, checkedAt: linkHealth.checkedAt }).from(linkHealth);
  const last = new Map(rows.map((r) => [r.slug, r]));
  const age = (l: (typeof links)[number]) => (last.get(l.slug)?.url === l.url ? last.get(l.slug)!.checkedAt.getTime() : 0);
  const next = links.reduce((a, b) => (age(b) < age(a) ? b : a));
  return { slug: next.slug, url: next.url };
}

export interface FlaggedLink extends HealthRow {
  clicksSince: number;
}

/** Links whose last check failed, with the clicks followers made since they were flagged. */
export async function listFlaggedLinks(db: Db, catalog: LinkCatalog): Promise<FlaggedLink[]> {
  const rows = (await db.select().from(linkHealth).where(eq(linkHealth.state, 'broken'))).filter((r) => catalog.links[r.slug]?.url === r.url);
  if (rows.length === 0) return [];
  const since = new Date(Math.min(...rows.map((r) => r.flaggedAt!.getTime())));
  const counts = await db
    .select({ slug: clicks.linkSlug, at: clicks.createdAt })
    .from(clicks)
    .where(and(inArray(clicks.linkSlug, rows.map((r) => r.slug)), gte(clicks.createdAt, since)));
  return rows.map((r) => ({ ...r, clicksSince: counts.filter((c) => c.slug === r.slug && c.at >= r.flaggedAt!).length }));
}

/** How many links are flagged now (the stats page's warning). */
export async function countFlaggedLinks(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(linkHealth).where(eq(linkHealth.state, 'broken'));
  return row!.n;
}

export interface HealthSchedule {
  stop: () => void;
  /** Checks the next link now (tests, and the first tick). */
  tick: () => Promise<void>;
}

/** Checks one link every `everyMs`, one check at a time; a failing database skips the tick. */
export function startLinkHealth(
  db: Db,
  target: { catalog: LinkCatalog },
  options: { everyMs: number; fetcher?: Fetcher; timeoutMs?: number; log?: (m: string) => void },
): HealthSchedule {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const next = await nextToCheck(db, target.catalog);
      if (next) await recordHealth(db, next.slug, next.url, await checkDestination(next.url, options.fetcher, options.timeoutMs ?? 10_000));
    } catch (error) {
      (options.log ?? console.error)(`Link health check skipped: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
