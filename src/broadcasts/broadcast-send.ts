/**
 * Sends a frozen broadcast: batches of up to 100 through Resend, paced under the rate
 * limit, each claimed in the send log before its API call and recorded after it. Started
 * again after a crash it sends only the open batches, interrupted ones with the same
 * idempotency key, so Resend drops what it had already accepted.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './newsletter/NewsletterLayout.tsx';
import type { UnsubscribeFor } from '../mail/email-links.ts';
import { claimBatch, countRecipients, finishBroadcast, getOpenBatches, recordBatch, type Broadcast, type Recipient } from './broadcasts.ts';
import { createPacer, sleep } from '../platform/pacer.ts';
import type { OutgoingEmail } from '../mail/outgoing-email.ts';
import type { SendBatch } from '../mail/resend-batch.ts';

export interface Progress {
  total: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Estimated time left at the configured rate, in ms. */
  etaMs: number;
}

export interface SendOptions {
  sendBatch: SendBatch;
  unsubscribeFor: UnsubscribeFor;
  /** API requests per second (Resend's default limit is 2). */
  ratePerSecond: number;
  /** Batches awaiting a response at once; enough to keep the pace when Resend is slow. */
  maxInFlight?: number;
  /** Attempts per batch after a server or network error before the send stops (resumable). */
  maxErrorRetries?: number;
  onProgress?: (progress: Progress) => void;
}

export type SendResult = { ok: true; progress: Progress } | { ok: false; message: string; progress: Progress };

/** Sends every open batch of `broadcast`; stops early (resumably) on a refusal. */
export async function sendBroadcast(db: Db, broadcast: Broadcast, options: SendOptions): Promise<SendResult> {
  const { ratePerSecond, maxInFlight = Math.max(2, Math.ceil(ratePerSecond)), onProgress } = options;
  const counts = await countRecipients(db, broadcast.id);
  const batches = await getOpenBatches(db, broadcast.id);
  let remaining = batches.length;
  const progress = (): Progress => ({
    total: broadcast.recipientCount,
    sent: counts.sent,
    skipped: counts.skipped,
    failed: counts.failed,
    etaMs: Math.ceil((remaining * 1000) / ratePerSecond),
  });
  onProgress?.(progress());

  const pacer = createPacer(ratePerSecond);
  const state: { stop?: string; serial: Serial } = { serial: createSerial() };
  const inFlight = new Set<Promise<void>>();
  for (const batch of batches) {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (state.stop) break;
    const job = sendBatchOnce(db, broadcast, batch, pacer, options, state).then((results) => {
      for (const r of results) counts[r.error ? 'failed' : r.skipped ? 'skipped' : 'sent']++;
      remaining--;
      onProgress?.(progress());
    });
    const tracked = job.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  if (state.stop) return { ok: false, message: state.stop, progress: progress() };
  if ((await getOpenBatches(db, broadcast.id)).length === 0) await finishBroadcast(db, broadcast.id);
  return { ok: true, progress: progress() };
}

type BatchResult = { error?: string; skipped?: boolean };

async function sendBatchOnce(
  db: Db,
  broadcast: Broadcast,
  batch: number,
  pacer: ReturnType<typeof createPacer>,
  { sendBatch, unsubscribeFor, maxErrorRetries = 5 }: SendOptions,
  state: { stop?: string; serial: Serial },
): Promise<BatchResult[]> {
  if (state.stop) return [];
  const { recipients, skipped } = await state.serial(() => claimBatch(db, broadcast.id, batch));
  const skips: BatchResult[] = Array.from({ length: skipped }, () => ({ skipped: true }));
  if (!recipients.length) return skips;
  const emails = recipients.map((r) => personalise(broadcast, r, unsubscribeFor));
  const key = idempotencyKey(broadcast, batch, recipients);
  for (let errors = 0; ; ) {
    // Claimed and built first, so the paced moment is the API call itself, not the DB write.
    const outcome = await pacer.start(() => sendBatch(emails, key));
    if (outcome.kind === 'sent' || outcome.kind === 'duplicate') {
      const failed = new Map(outcome.kind === 'sent' ? outcome.errors.map((e) => [e.index, e.message]) : []);
      const results = recipients.map((r, i) => ({ subscriberId: r.subscriberId, messageId: outcome.kind === 'sent' ? outcome.ids[i] : undefined, error: failed.get(i) }));
      await state.serial(() => recordBatch(db, broadcast.id, results));
      return [...skips, ...results];
    }
    if (outcome.kind === 'refused') {
      state.stop = `Resend refused batch ${batch + 1}: ${outcome.reason}. Nothing in it was sent; fix this and run resume.`;
      return skips;
    }
    if (outcome.afterMs === undefined && ++errors > maxErrorRetries) {
      state.stop = `Resend kept failing on batch ${batch + 1} (${outcome.reason}). Run resume to continue where it stopped.`;
      return skips;
    }
    // 429: wait as told, and hold every other batch back too. Errors: back off exponentially.
    const wait = outcome.afterMs ?? Math.min(30_000, 500 * 2 ** errors);
    pacer.pause(wait);
    await sleep(wait);
  }
}

type Serial = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Runs DB writes one at a time: libSQL gives each interactive transaction its own
 * connection, and two of them writing at once fail with SQLITE_BUSY instead of waiting.
 */
function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** One recipient's copy: their own unsubscribe link in the body and the RFC 8058 headers. */
function personalise(broadcast: Broadcast, recipient: Recipient, unsubscribeFor: UnsubscribeFor): OutgoingEmail {
  const link = unsubscribeFor({ id: recipient.subscriberId, email: recipient.email });
  return {
    from: broadcast.from,
    to: recipient.email,
    subject: broadcast.subject,
    html: broadcast.html.split(UNSUBSCRIBE_PLACEHOLDER).join(link.url.replaceAll('&', '&amp;')),
    text: broadcast.text.split(UNSUBSCRIBE_PLACEHOLDER).join(link.url),
    headers: link.headers,
  };
}

/** Same broadcast, batch and recipients → same key, so a retried batch is dropped by Resend. */
export function idempotencyKey(broadcast: Broadcast, batch: number, recipients: Recipient[]): string {
  const contents = `${broadcast.name}|${broadcast.createdAt.getTime()}|${batch}|${recipients.map((r) => r.subscriberId).join(',')}`;
  return `perch-broadcast-${createHash('sha256').update(contents).digest('hex').slice(0, 40)}`;
}
