import type { Db } from '../../db/client.ts';
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
