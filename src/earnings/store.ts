import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clicks } from '../../db/schema/clicks.ts';
import { conversions } from '../../db/schema/earnings.ts';
import type { NormalisedConversion } from './normalise.ts';

export interface StoreCounts {
  imported: number;
  updated: number;
  unchanged: number;
  attributed: number;
  unattributed: number;
}

// SQLite caps bound parameters per statement; 14 columns × 200 rows stays well under it.
const CHUNK = 200;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Store = (rows: NormalisedConversion[]) => Promise<void>;

/**
 * Runs `fill` inside one transaction, handing it a `store` function it can call with chunk
 * after chunk of a streamed report: all of them are stored, or (on an error) none.
 */
export async function storeInTransaction(db: Db, now = new Date(), fill: (store: Store) => Promise<void>): Promise<StoreCounts> {
  const counts: StoreCounts = { imported: 0, updated: 0, unchanged: 0, attributed: 0, unattributed: 0 };
  await db.transaction(async (tx) => fill((rows) => storeChunk(tx, rows, now, counts)));
  return counts;
}

/** Stores conversions (a postback's one, or a small report) atomically. */
export async function storeConversions(db: Db, rows: NormalisedConversion[], now = new Date()): Promise<StoreCounts> {
  return storeInTransaction(db, now, (store) => store(rows));
}

/**
 * Upserts conversions by (network, transaction id): new ones are inserted, changed ones (a
 * pending commission now approved or reversed) updated, equal ones left alone. Each is joined
 * to the click whose id equals its sub-ID; no match keeps it unattributed (unless an Amazon
 * row was joined to a link).
 */
async function storeChunk(tx: Tx, rows: NormalisedConversion[], now: Date, counts: StoreCounts): Promise<void> {
  const known = await findClickIds(tx, rows.map((r) => r.subId).filter((s): s is string => !!s));
  const existing = await findExisting(tx, rows);
  const inserts: (typeof conversions.$inferInsert)[] = [];
  for (const row of rows) {
    const clickId = row.subId && known.has(row.subId) ? row.subId : null;
    const { dateDefaulted, linkSlug = null, ...fields } = row;
    counts[clickId || linkSlug ? 'attributed' : 'unattributed']++;
    const before = existing.get(key(row.network, row.transactionId));
    const values = { ...fields, clickId, linkSlug, occurredAt: dateDefaulted && before ? before.occurredAt : row.occurredAt };
    if (!before) {
      inserts.push({ ...values, createdAt: now, updatedAt: now });
      counts.imported++;
    } else if (sameValues(before, values)) {
      counts.unchanged++;
    } else {
      await tx.update(conversions).set({ ...values, updatedAt: now }).where(eq(conversions.id, before.id));
      counts.updated++;
    }
  }
  for (let i = 0; i < inserts.length; i += CHUNK) await tx.insert(conversions).values(inserts.slice(i, i + CHUNK));
}

async function findClickIds(db: Tx, subIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(subIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, unique.slice(i, i + CHUNK)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

async function findExisting(db: Tx, rows: NormalisedConversion[]) {
  const found = new Map<string, typeof conversions.$inferSelect>();
  const byNetwork = Map.groupBy(rows, (r) => r.network);
  for (const [network, group] of byNetwork) {
    const ids = group.map((r) => r.transactionId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const hits = await db.select().from(conversions)
        .where(and(eq(conversions.network, network), inArray(conversions.transactionId, chunk)));
      for (const hit of hits) found.set(key(hit.network, hit.transactionId), hit);
    }
  }
  return found;
}

function key(network: string, transactionId: string): string {
  return `${network}\u0000${transactionId}`;
}

function sameValues(before: typeof conversions.$inferSelect, after: Omit<NormalisedConversion, 'dateDefaulted' | 'linkSlug'> & { clickId: string | null; linkSlug: string | null }): boolean {
  return (
    before.subId === after.subId &&
    before.clickId === after.clickId &&
    before.linkSlug === after.linkSlug &&
    before.occurredAt.getTime() === after.occurredAt.getTime() &&
    before.saleAmountCents === after.saleAmountCents &&
    before.commissionCents === after.commissionCents &&
    before.currency === after.currency &&
    before.status === after.status &&
    before.rawStatus === after.rawStatus
  );
}
