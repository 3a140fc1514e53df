/**
 * One code path for sending a newsletter, used by `npm run email` and the studio: render it
 * (or say why not), choose the sender, freeze the recipient list, and work through it under
 * the broadcast's lease, so a send started twice (two tabs, two instances, the CLI and the
 * studio) still mails each subscriber exactly once.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { createUnsubscribeFor } from '../mail/email-links.ts';
import { writeToOutbox } from '../mail/outbox.ts';
import type { OutgoingEmail } from '../mail/outgoing-email.ts';
import { createResendBatchSender } from '../mail/resend-batch.ts';
import { createResendClient } from '../mail/resend-client.ts';
import { formatFrom } from '../mail/sender.ts';
import { sleep } from '../platform/pacer.ts';
import type { Settings } from '../platform/settings.ts';
import { acquireSendLease, LEASE_MS } from './broadcast-lease.ts';
import { sendBroadcast, type Progress, type SendResult } from './broadcast-send.ts';
import { countEligibleSubscribers, countRecipients, freezeBroadcast, getBroadcast, type Broadcast, type RecipientStatus } from './broadcasts.ts';
import type { Loaded } from './newsletter-content.ts';
import { renderNewsletter, UNSUBSCRIBE_PLACEHOLDER, type RenderedNewsletter } from './newsletter/render-newsletter.tsx';

export type SendSettings = Pick<Settings, 'siteUrl' | 'emailFrom' | 'resendApiKey' | 'resendBaseUrl'>;

export const NEEDS_KEY = 'Sending to your list needs RESEND_API_KEY (create one at https://resend.com/api-keys).';
export const NEEDS_FROM = 'Set EMAIL_FROM to a sender address on a domain verified in Resend, e.g. EMAIL_FROM="maya@kitchenline.example".';

/** Why the list cannot be mailed with these settings, or undefined when it can. */
export function sendProblem(settings: SendSettings): string | undefined {
  if (!settings.resendApiKey) return NEEDS_KEY;
  if (!settings.emailFrom) return NEEDS_FROM;
  return undefined;
}

export function renderForSend(settings: SendSettings, contentDir: string, name: string): Promise<Loaded<RenderedNewsletter>> {
  return renderNewsletter({ contentDir, name, siteUrl: settings.siteUrl });
}

/** EMAIL_FROM with the profile's sender name when it has none ("Maya <maya@x>"). */
export function senderFor(settings: SendSettings, senderName: string): string | undefined {
  return settings.emailFrom ? formatFrom(senderName, settings.emailFrom) : undefined;
}

/** Freezes a rendered newsletter's recipient list: the broadcast that `deliverBroadcast` works through. */
export function freezeNewsletter(db: Db, settings: SendSettings, name: string, email: RenderedNewsletter, batchSize: number): Promise<Broadcast> {
  const from = senderFor(settings, email.senderName)!;
  return freezeBroadcast(db, { name, subject: email.subject, from, html: email.html, text: email.text, batchSize });
}

/**
 * The broadcast of `name`: the one already started, or a new one frozen now. Two requests
 * racing to start it get the same broadcast (names are unique; the loser waits and reads the winner's).
 */
export async function startOrJoin(db: Db, settings: SendSettings, name: string, email: RenderedNewsletter, batchSize: number): Promise<Broadcast> {
  for (let attempt = 1; ; attempt++) {
    const existing = await getBroadcast(db, name);
    if (existing) return existing;
    try {
      return await freezeNewsletter(db, settings, name, email, batchSize);
    } catch (error) {
      // The other request's freeze holds the write lock or has just taken the name: read it again.
      if (attempt >= 20) throw error;
      await sleep(100);
    }
  }
}

export type DeliverResult = SendResult | { ok: false; message: string; progress?: undefined };

/** Sends what is left of `broadcast` under its lease; refuses when another sender holds it. */
export async function deliverBroadcast(
  db: Db,
  settings: SendSettings,
  broadcast: Broadcast,
  options: { ratePerSecond: number; onProgress?: (progress: Progress) => void },
): Promise<DeliverResult> {
  const lease = await acquireSendLease(db, broadcast.id);
  if (!lease.ok) return { ok: false, message: lease.message };
  const renewal = setInterval(() => void lease.renew(), LEASE_MS / 3);
  try {
    return await sendBroadcast(db, broadcast, {
      sendBatch: createResendBatchSender(settings.resendApiKey!, settings.resendBaseUrl),
      unsubscribeFor: await createUnsubscribeFor(db, settings.siteUrl),
      ratePerSecond: options.ratePerSecond,
      onProgress: options.onProgress,
    });
  } finally {
    clearInterval(renewal);
    await lease.release();
  }
}

export interface NewsletterStatus {
  name: string;
  state: 'unsent' | 'sending' | 'sent';
  subject?: string;
  recipientCount: number;
  counts?: Record<RecipientStatus, number>;
  startedAt?: Date;
  completedAt?: Date | null;
  /** Held by a running sender right now. */
  running: boolean;
}

/** Where a newsletter stands: not sent (and who would get it), sending, or sent. */
export async function newsletterStatus(db: Db, name: string, now = Date.now()): Promise<NewsletterStatus> {
  const broadcast = await getBroadcast(db, name);
  if (!broadcast) return { name, state: 'unsent', recipientCount: await countEligibleSubscribers(db), running: false };
  return {
    name,
    state: broadcast.status === 'sent' ? 'sent' : 'sending',
    subject: broadcast.subject,
    recipientCount: broadcast.recipientCount,
    counts: await countRecipients(db, broadcast.id),
    startedAt: broadcast.createdAt,
    completedAt: broadcast.completedAt,
    running: !!broadcast.leaseUntil && broadcast.leaseUntil.getTime() > now,
  };
}

export type TestSendResult = { ok: true; outbox?: { eml: string; html: string }; resendId?: string } | { ok: false; message: string };

/** One copy to `to`, exactly as a subscriber gets it but for the "[Test]" subject; to the outbox without a key. */
export async function sendTestEmail(db: Db, settings: SendSettings, dataDir: string, name: string, email: RenderedNewsletter, to: string): Promise<TestSendResult> {
  // Exactly what a subscriber gets, headers included. A subscriber testing on their own
  // address gets their real link; anyone else a signed link for subscriber id 0 (no row has
  // it), which opens the real page and answers "not on the list".
  const [subscriber] = await db.select().from(subscribers).where(eq(subscribers.email, to));
  const link = (await createUnsubscribeFor(db, settings.siteUrl))(subscriber ?? { id: 0, email: to });
  const note = `Test copy for ${to}: followers get exactly this email. ${subscriber ? 'The unsubscribe link at the bottom is your real one: it unsubscribes you.' : 'The unsubscribe link at the bottom works; this address is not on the list, so it only says so.'}`;
  const message: OutgoingEmail = {
    from: formatFrom(email.senderName, settings.emailFrom, `newsletter@${new URL(settings.siteUrl).hostname}`),
    to,
    subject: `[Test] ${email.subject}`,
    html: markAsTest(email.html, note).replaceAll(UNSUBSCRIBE_PLACEHOLDER, link.url.replaceAll('&', '&amp;')),
    text: `[${note}]\n\n${email.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link.url)}`,
    headers: link.headers,
  };
  if (!settings.resendApiKey) return { ok: true, outbox: await writeToOutbox(dataDir, `${name}-test`, { ...message, date: new Date() }) };
  if (!settings.emailFrom) return { ok: false, message: NEEDS_FROM };
  const resend = createResendClient(settings.resendApiKey, settings.resendBaseUrl);
  const { data, error } = await resend.emails.send({ ...message, to: [to] });
  if (error) return { ok: false, message: `Resend refused the test email: ${error.message}` };
  return { ok: true, resendId: data.id };
}

/** A banner at the top of a test copy, so it is never mistaken for the real send. */
function markAsTest(html: string, note: string): string {
  const safe = note.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return html.replace(/<body([^>]*)>/, `<body$1><p data-test-copy style="margin:0;padding:8px 12px;background:#fef3c7;color:#78350f;font:13px/18px Helvetica,Arial,sans-serif">${safe}</p>`);
}

export const ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;
