import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';

type Status = 'pending' | 'confirmed' | 'unsubscribed';

/**
 * Inserts `count` subscribers (reader-<offset+i>@example.com) with the given status, in
 * multi-row inserts. Returns their addresses in id order.
 */
export async function seedSubscribers(db: Db, count: number, status: Status = 'confirmed', offset = 0): Promise<string[]> {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `reader-${offset + i}@example.com`,
    status,
    source: 'import:test',
    createdAt: now,
    confirmedAt: status === 'confirmed' ? now : null,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(subscribers).values(rows.slice(i, i + 500));
  return rows.map((r) => r.email);
}
