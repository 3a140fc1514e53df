import { sql } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Db } from '../../db/client.ts';
import { filteredHits } from '../../db/schema/clicks.ts';
import { views } from '../../db/schema/views.ts';
import { classifyHit, type HeaderReader } from './bots.ts';
import { getCountry, getDeviceClass, getReferrerHost } from './request-info.ts';
import { getDailySalt, hashVisitor } from './visitors.ts';
import { isServedPage } from './served-pages.ts';
import { dayOf } from '../platform/time.ts';

/** The beacon's body: the page path and the page's own document.referrer. */
export const viewBeaconSchema = z.object({
  p: z
    .string({ error: 'p (the page path) is missing' })
    .max(512, { error: 'p (the page path) is longer than 512 characters' })
    .regex(/^\/[^\s\u0000-\u001f]*$/, { error: 'p must be a page path starting with "/"' }),
  r: z.string().max(2048, { error: 'r (the referrer) is longer than 2048 characters' }).optional(),
});

export interface ViewRequest {
  method: string;
  header: HeaderReader;
  /** The client IP: hashed with the daily salt, never stored. */
  ip: string;
  body: unknown;
  now?: Date;
}

export type ViewOutcome =
  | { kind: 'counted' }
  | { kind: 'filtered'; reason: string }
  | { kind: 'ignored' }
  | { kind: 'invalid'; message: string };

/** Pages whose views are never counted: the creator reading their own stats is not a reader. */
const UNCOUNTED = /^\/stats(\/|$)/;

/**
 * Records one page view from the beacon, with the same bot filtering and visitor hash as
 * clicks: bots, previews and prefetches are counted per day in filtered_hits instead.
 */
export async function recordView(db: Db, req: ViewRequest): Promise<ViewOutcome> {
  const parsed = viewBeaconSchema.safeParse(req.body);
  if (!parsed.success) return { kind: 'invalid', message: parsed.error.issues.map((i) => i.message).join('; ') };
  const { p: path, r: referrer } = parsed.data;
  // Views of /stats are never counted, nor of any path the site does not serve (/wp-admin/…).
  if (UNCOUNTED.test(path) || !isServedPage(path)) return { kind: 'ignored' };
  const now = req.now ?? new Date();
  const day = dayOf(now);
  const reason = classifyHit(req.method, req.header);
  if (reason) {
    await db
      .insert(filteredHits)
      .values({ day, kind: 'view', target: path, reason, count: 1 })
      .onConflictDoUpdate({ target: [filteredHits.day, filteredHits.kind, filteredHits.target, filteredHits.reason], set: { count: sql`${filteredHits.count} + 1` } });
    return { kind: 'filtered', reason };
  }
  const ua = req.header('user-agent') ?? '';
  await db.insert(views).values({
    createdAt: now,
    path,
    referrerHost: getReferrerHost(referrer),
    device: getDeviceClass(ua),
    country: getCountry(req.header),
    visitorHash: hashVisitor(await getDailySalt(db, day), req.ip, ua),
  });
  return { kind: 'counted' };
}
