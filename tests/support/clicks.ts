import type { Db } from '../../db/client.ts';
import type { ClickHit } from '../../src/tracking/clicks.ts';
import { clicks } from '../../db/schema/clicks.ts';

export interface SeedClick {
  id: string;
  linkSlug: string;
  source?: string | null;
  placement?: string | null;
  at: string;
}

/** Inserts counted clicks as the redirect would record them (only the fields tests vary). */
export async function seedClicks(db: Db, rows: SeedClick[]): Promise<void> {
  await db.insert(clicks).values(
    rows.map((r, i) => ({
      id: r.id,
      createdAt: new Date(r.at),
      linkSlug: r.linkSlug,
      source: r.source ?? null,
      placement: r.placement ?? null,
      referrerHost: null,
      device: 'mobile' as const,
      country: null,
      visitorHash: `visitor-${i}`,
      isUnique: true,
    })),
  );
}

export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
let hits = 0;

/** A counted click as the redirect hands it to the recorder (a fresh id each time). */
export function clickHit(over: Partial<ClickHit> = {}): ClickHit {
  return {
    id: `h${++hits}`,
    createdAt: new Date('2026-11-16T10:00:00Z'),
    linkSlug: 'paddle-amazon',
    source: '/posts/best/',
    placement: 'product-card:1',
    referrerHost: 'instagram.com',
    device: 'mobile',
    country: 'DE',
    ip: '203.0.113.9',
    userAgent: IPHONE_UA,
    ...over,
  };
}
