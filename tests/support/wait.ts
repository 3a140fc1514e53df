// Waiting for conditions, never for fixed times. One deadline for the whole suite, sized for a
// busy two-core machine (another process keeping a core busy, browsers and servers running
// beside each other): a condition that holds arrives in milliseconds; one that never holds
// fails after PATIENCE_MS with what was last seen.
import { ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailQueue } from '../../db/schema/email.ts';

export const PATIENCE_MS = 30_000;

/** How long a built server may take to start (it loads the whole site bundle) on a busy machine. */
export const SERVER_START_MS = 90_000;

/** Polls `check` until it returns something truthy, and returns that. */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'a condition', timeoutMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the mail queue has nothing left to send (every row sent or given up): from then
 * on, what the fake Resend or the outbox holds is final, so "exactly one email" can be asserted.
 */
export async function waitForMailQueueSettled(db: Db): Promise<void> {
  await waitFor(async () => (await db.select({ id: emailQueue.id }).from(emailQueue).where(ne(emailQueue.status, 'sent')).limit(1)).length === 0, 'the mail queue to be sent');
}
