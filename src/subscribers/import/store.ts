import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { subscribers } from '../../../db/schema/subscribers.ts';
import type { Status } from './format.ts';
import type { ImportedSubscriber } from './normalise.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Row = typeof subscribers.$inferSelect;

export interface StoreCounts {
  added: Record<Status | 'suppressed', number>;
  /** Already on the list and moved down: unsubscribed, or suppressed. */
  lowered: { line: number; email: string; to: string }[];
  /** Already on the list and left as they were (an import never raises a status). */
  unchanged: number;
}

export interface Pending {
  line: number;
  subscriber: ImportedSubscriber;
}

// 19 columns × 500 rows stays under SQLite's bound-parameter cap.
const CHUNK = 500;

/** Lower-cased address → id for everyone on the list (addresses are compared without case). */
export async function listedAddresses(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.select({ id: subscribers.id, email: sql<string>`lower(${subscribers.email})` }).from(subscribers);
  return new Map(rows.map((r) => [r.email, r.id]));
}

/**
 * Stores one chunk of an import. New addresses are inserted as the file says. For someone
 * already on the list, the file may only lower the status: an unsubscribe (unless Perch saw
 * them confirm after the file's unsubscribe date) or a bounce / complaint; never a re-subscribe.
 * Missing names are filled in and tags added.
 */
export async function storeChunk(tx: Tx, rows: Pending[], listed: Map<string, number>, source: { tool: string; file: string }, now: Date, counts: StoreCounts): Promise<void> {
  const known = rows.filter((r) => listed.has(r.subscriber.email.toLowerCase()));
  const current = new Map<number, Row>();
  const ids = known.map((r) => listed.get(r.subscriber.email.toLowerCase())!);
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const row of await tx.select().from(subscribers).where(inArray(subscribers.id, ids.slice(i, i + CHUNK)))) current.set(row.id, row);
  }
  const statusSource = `import:${source.tool}:${source.file}`;
  const inserts: (typeof subscribers.$inferInsert)[] = [];
  for (const { line, subscriber: s } of rows) {
    const id = listed.get(s.email.toLowerCase());
    if (id === undefined) {
      inserts.push(newRow(s, source.tool, statusSource, now));
      counts.added[s.suppression ? 'suppressed' : s.status]++;
      listed.set(s.email.toLowerCase(), -1);
      continue;
    }
    const before = current.get(id);
    const change = before ? lowering(before, s, statusSource) : null;
    if (change) {
      await tx.update(subscribers).set(change).where(eq(subscribers.id, id));
      counts.lowered.push({ line, email: before!.email, to: change.suppressionReason ?? 'unsubscribed' });
    } else counts.unchanged++;
    const fill = before ? filling(before, s) : null;
    if (fill) await tx.update(subscribers).set(fill).where(eq(subscribers.id, id));
  }
  for (let i = 0; i < inserts.length; i += CHUNK) await tx.insert(subscribers).values(inserts.slice(i, i + CHUNK));
}

function newRow(s: ImportedSubscriber, tool: string, statusSource: string, now: Date): typeof subscribers.$inferInsert {
  return {
    email: s.email, firstName: s.firstName, lastName: s.lastName, status: s.status,
    source: s.source === undefined ? `import:${tool}` : s.source,
    statusSource: s.statusSource === undefined ? statusSource : s.statusSource,
    createdAt: s.addedAt ?? s.signedUpAt ?? s.confirmedAt ?? now, signedUpAt: s.signedUpAt,
    confirmedAt: s.confirmedAt, unsubscribedAt: s.unsubscribedAt,
    suppressedAt: s.suppressedAt, suppressionReason: s.suppression,
    tags: s.tags.length ? JSON.stringify(s.tags) : null,
  };
}

/** The update that lowers `before` to what the file says, or null when the file says nothing lower. */
function lowering(before: Row, s: ImportedSubscriber, statusSource: string): Partial<Row> | null {
  if (s.suppression && !before.suppressionReason) {
    return { suppressionReason: s.suppression, suppressedAt: s.suppressedAt, statusSource, ...(before.status === 'unsubscribed' ? {} : { status: 'unsubscribed', unsubscribedAt: s.unsubscribedAt }) };
  }
  if (s.status !== 'unsubscribed' || before.status === 'unsubscribed') return null;
  // Confirmed in Perch after leaving the other tool: the newer consent stands.
  if (s.unsubscribedAt && before.confirmedAt && before.confirmedAt > s.unsubscribedAt && !before.source?.startsWith('import:')) return null;
  return { status: 'unsubscribed', unsubscribedAt: s.unsubscribedAt, statusSource };
}

function filling(before: Row, s: ImportedSubscriber): Partial<Row> | null {
  const fill: Partial<Row> = {};
  if (!before.firstName && s.firstName) fill.firstName = s.firstName;
  if (!before.lastName && s.lastName) fill.lastName = s.lastName;
  const tags = new Set<string>(before.tags ? (JSON.parse(before.tags) as string[]) : []);
  const size = tags.size;
  for (const t of s.tags) tags.add(t);
  if (tags.size > size) fill.tags = JSON.stringify([...tags]);
  return Object.keys(fill).length ? fill : null;
}
