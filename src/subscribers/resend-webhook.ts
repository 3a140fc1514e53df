/**
 * Resend's delivery feedback: verifies the Svix-style signature (svix-id, svix-timestamp,
 * svix-signature; HMAC-SHA256 with the `whsec_` secret, at most 5 minutes old) and
 * suppresses addresses that hard-bounced or complained, so no broadcast mails them again.
 * Each message id is remembered for the tolerance window: a replayed request changes nothing.
 */
import { and, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'astro/zod';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { webhookMessages } from '../../db/schema/webhooks.ts';
import { normalizeEmail } from './signup-input.ts';

const address = z.string({ error: 'data.to must hold email addresses' }).max(320, { error: 'an address in data.to is longer than 320 characters' });

/** The fields Perch reads from a Resend event; others are ignored. */
const resendEventSchema = z.object({
  type: z.string({ error: '"type" must be a string like email.bounced' }).regex(/^[a-z_]+(\.[a-z_]+)+$/, { error: '"type" must be a string like email.bounced' }),
  created_at: z.string({ error: '"created_at" must be a string' }).max(64).optional(),
  data: z
    .object(
      {
        email_id: z.string({ error: 'data.email_id must be a string' }).max(200).optional(),
        to: z.union([address, z.array(address).max(50, { error: 'data.to lists more than 50 addresses' })], { error: 'data.to must be an address or a list of addresses' }).optional(),
        bounce: z
          .object(
            {
              type: z.string({ error: 'data.bounce.type must be a string like Permanent' }).max(64).optional(),
              subType: z.string({ error: 'data.bounce.subType must be a string' }).max(64).optional(),
              message: z.string({ error: 'data.bounce.message must be a string' }).max(4000).optional(),
            },
            { error: 'data.bounce must be an object' },
          )
          .optional(),
      },
      { error: '"data" must be an object' },
    )
    .optional(),
});

export type ResendEvent = z.infer<typeof resendEventSchema>;

export type WebhookCheck = { ok: true; event: ResendEvent; messageId: string } | { ok: false; status: 400 | 401; message: string };

/** Standard Webhooks' (and Svix's) tolerance for a signature's timestamp, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** Checks the signature and age of a webhook request, then the event's shape; returns the event when valid. */
export function verifyResendWebhook(secret: string, headers: Headers, body: string): WebhookCheck {
  const id = headers.get('svix-id');
  const timestamp = headers.get('svix-timestamp');
  const signature = headers.get('svix-signature');
  if (!id || !timestamp || !signature) {
    return { ok: false, status: 400, message: 'Missing svix-id, svix-timestamp or svix-signature header: not a signed Resend webhook.' };
  }
  if (id.length > 200) return { ok: false, status: 400, message: 'The svix-id header is longer than 200 characters: not a Resend message id.' };
  let event: unknown;
  try {
    // standardwebhooks is the verifier the resend SDK itself wraps (resend.webhooks.verify).
    event = new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
  } catch (error) {
    // It parses the body only after the signature matched: anything else is a body that is not JSON.
    if (error instanceof WebhookVerificationError) return { ok: false, status: 401, message: `Signature refused: ${error.message}.` };
    return { ok: false, status: 400, message: 'Signed, but the body is not JSON: not a Resend event.' };
  }
  const parsed = resendEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, status: 400, message: `Signed, but not a Resend event Perch can read: ${parsed.error.issues.map((i) => i.message).join('; ')}.` };
  if (suppressionReasonOf(parsed.data) && recipientsOf(parsed.data).length === 0) {
    return { ok: false, status: 400, message: `Signed, but the ${parsed.data.type} event names no recipient in data.to.` };
  }
  return { ok: true, event: parsed.data, messageId: id };
}

/**
 * Remembers a message id for twice the tolerance window (a timestamp may be that far off
 * either way); false when it was already received, i.e. the request is a replay.
 */
export async function rememberMessage(db: Db, id: string, now = new Date()): Promise<boolean> {
  await db.delete(webhookMessages).where(lt(webhookMessages.receivedAt, new Date(now.getTime() - 2 * SIGNATURE_TOLERANCE_MS)));
  const rows = await db.insert(webhookMessages).values({ id, receivedAt: now }).onConflictDoNothing().returning({ id: webhookMessages.id });
  return rows.length === 1;
}

/** Forgets a message id whose handling failed, so the sender's retry is not taken for a replay. */
export async function forgetMessage(db: Db, id: string): Promise<void> {
  await db.delete(webhookMessages).where(eq(webhookMessages.id, id));
}

export type EventOutcome = { kind: 'suppressed'; addresses: string[] } | { kind: 'ignored'; reason: string };

/** Suppresses the recipients of a hard bounce or a complaint; other events are ignored. */
export async function applyResendEvent(db: Db, event: ResendEvent, now = new Date()): Promise<EventOutcome> {
  const reason = suppressionReasonOf(event);
  if (!reason) return { kind: 'ignored', reason: `${event.type} needs no action` };
  const addresses = recipientsOf(event).map(normaliseAddress);
  const suppressed: string[] = [];
  for (const email of addresses) {
    // Only the first bounce or complaint is recorded; Resend retries deliveries of an event.
    const rows = await db
      .update(subscribers)
      .set({ suppressedAt: now, suppressionReason: reason })
      .where(and(eq(subscribers.email, email), isNull(subscribers.suppressedAt)))
      .returning({ email: subscribers.email });
    suppressed.push(...rows.map((r) => r.email));
  }
  return { kind: 'suppressed', addresses: suppressed };
}

function suppressionReasonOf(event: ResendEvent): 'bounce' | 'complaint' | undefined {
  if (event.type === 'email.complained') return 'complaint';
  // Only a permanent bounce is hard; a transient one (mailbox full) may work next time.
  if (event.type === 'email.bounced') {
    const type = event.data?.bounce?.type;
    return !type || type.toLowerCase() === 'permanent' ? 'bounce' : undefined;
  }
  return undefined;
}

function recipientsOf(event: ResendEvent): string[] {
  const to = event.data?.to;
  return (Array.isArray(to) ? to : to ? [to] : []).filter((a) => a.trim() !== '');
}

/** As the list stores addresses (normalizeEmail); also accepts "Name <a@b>". */
function normaliseAddress(raw: string): string {
  return normalizeEmail(/<([^>]+)>/.exec(raw)?.[1] ?? raw);
}
