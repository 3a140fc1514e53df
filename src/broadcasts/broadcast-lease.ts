/**
 * One sender per broadcast at a time. Each batch's idempotency key already stops Resend from
 * mailing a batch twice within its 24 h window; the lease stops two `send`/`resume` runs from
 * working through the same broadcast side by side in the first place.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { broadcasts } from '../../db/schema/broadcasts.ts';

export const LEASE_MS = 60_000;

export type Lease = { ok: true; renew: () => Promise<void>; release: () => Promise<void> } | { ok: false; message: string };

/** Takes the broadcast's lease: free, lapsed, or held by a process on this machine that has died. */
export async function acquireSendLease(db: Db, broadcastId: number, now = () => Date.now()): Promise<Lease> {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const [current] = await db.select({ owner: broadcasts.leaseOwner, until: broadcasts.leaseUntil }).from(broadcasts).where(eq(broadcasts.id, broadcastId));
  const takeOverDead = current?.owner && isDeadLocalProcess(current.owner) ? eq(broadcasts.leaseOwner, current.owner) : undefined;
  const taken = await db
    .update(broadcasts)
    .set({ leaseOwner: owner, leaseUntil: new Date(now() + LEASE_MS) })
    .where(and(eq(broadcasts.id, broadcastId), or(isNull(broadcasts.leaseUntil), lt(broadcasts.leaseUntil, new Date(now())), takeOverDead)))
    .returning({ id: broadcasts.id });
  if (!taken.length) {
    const until = current?.until ? current.until.toISOString().slice(11, 19) : 'soon';
    return { ok: false, message: `Another send of this newsletter is running (${current?.owner ?? 'unknown'}). Wait for it, or if it died on another machine, resume after ${until} UTC.` };
  }
  const mine = and(eq(broadcasts.id, broadcastId), eq(broadcasts.leaseOwner, owner));
  return {
    ok: true,
    renew: async () => {
      await db.update(broadcasts).set({ leaseUntil: new Date(now() + LEASE_MS) }).where(mine);
    },
    release: async () => {
      await db.update(broadcasts).set({ leaseOwner: null, leaseUntil: null }).where(mine);
    },
  };
}

/** "host:pid:…" of this machine whose process no longer exists (killed, crashed). */
function isDeadLocalProcess(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
