import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
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

// SQLite caps bound parameters per statement; 13 columns × 200 rows stays well under it.
const CHUNK = 200;

/**
 * Upserts conversions by (network, transaction id) in one atomic batch: new ones are inserted,
 * changed ones (a pending commission now approved or reversed) updated, equal ones left alone.
 * Each is joined to the click whose id equals its sub-ID; no match keeps it unattributed.
 */
export async function storeConversions(db: Db, rows: NormalisedConversion[], now = new Date()): Promise<StoreCounts> {
  const counts: StoreCounts = { imported: 0, updated: 0, unchanged: 0, attributed: 0, unattributed: 0 };
  const known = await findClickIds(db, rows.map((r) => r.subId).filter((s): s is string => !!s));
  const existing = await findExisting(db, rows);
  const inserts: (typeof conversions.$inferInsert)[] = [];
  const statements: BatchItem<'sqlite'>[] = [];
  for (const row of rows) {
    const clickId = row.subId && known.has(row.subId) ? row.subId : null;
    counts[clickId ? 'attributed' : 'unattributed']++;
    const { dateDefaulted, ...fields } = row;
    const before = existing.get(key(row.network, row.transactionId));
    const values = { ...fields, clickId, occurredAt: dateDefaulted && before ? before.occurredAt : row.occurredAt };
    if (!before) {
      inserts.push({ ...values, createdAt: now, updatedAt: now });
      counts.imported++;
    } else if (sameValues(before, values)) {
      counts.unchanged++;
    } else {
      statements.push(db.update(conversions).set({ ...values, updatedAt: now }).where(eq(conversions.id, before.id)));
      counts.updated++;
    }
  }
  for (let i = 0; i < inserts.length; i += CHUNK) statements.push(db.insert(conversions).values(inserts.slice(i, i + CHUNK)));
  if (statements.length > 0) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return counts;
}

async function findClickIds(db: Db, subIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(subIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, unique.slice(i, i + CHUNK)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

async function findExisting(db: Db, rows: NormalisedConversion[]) {
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

function sameValues(before: typeof conversions.$inferSelect, after: Omit<NormalisedConversion, 'dateDefaulted'> & { clickId: string | null }): boolean {
  return (
    before.subId === after.subId &&
    before.clickId === after.clickId &&
    before.occurredAt.getTime() === after.occurredAt.getTime() &&
    before.saleAmountCents === after.saleAmountCents &&
    before.commissionCents === after.commissionCents &&
    before.currency === after.currency &&
    before.status === after.status &&
    before.rawStatus === after.rawStatus
  );
}
