/**
 * Resend's delivery feedback: verifies the Svix-style signature (svix-id, svix-timestamp,
 * svix-signature; HMAC-SHA256 with the `whsec_` secret, at most 5 minutes old) and
 * suppresses addresses that hard-bounced or complained, so no broadcast mails them again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { normalizeEmail } from './signup-input.ts';

export interface ResendEvent {
  type: string;
  created_at?: string;
  data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string; subType?: string; message?: string } };
}

export type WebhookCheck = { ok: true; event: ResendEvent } | { ok: false; status: 400 | 401; message: string };

/** Checks the signature and age of a webhook request; returns the parsed event when valid. */
export function verifyResendWebhook(secret: string, headers: Headers, body: string): WebhookCheck {
  const id = headers.get('svix-id');
  const timestamp = headers.get('svix-timestamp');
  const signature = headers.get('svix-signature');
  if (!id || !timestamp || !signature) {
    return { ok: false, status: 400, message: 'Missing svix-id, svix-timestamp or svix-signature header: not a signed Resend webhook.' };
  }
  let event: unknown;
  try {
    // standardwebhooks is the verifier the resend SDK itself wraps (resend.webhooks.verify).
    event = new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
  } catch (error) {
    return { ok: false, status: 401, message: `Signature refused: ${(error as Error).message}.` };
  }
  if (!event || typeof event !== 'object' || typeof (event as ResendEvent).type !== 'string') {
    return { ok: false, status: 400, message: 'Signed, but the body is not a Resend event (no "type").' };
  }
  return { ok: true, event: event as ResendEvent };
}

export type EventOutcome = { kind: 'suppressed'; addresses: string[] } | { kind: 'ignored'; reason: string };

/** Suppresses the recipients of a hard bounce or a complaint; other events are ignored. */
export async function applyResendEvent(db: Db, event: ResendEvent, now = new Date()): Promise<EventOutcome> {
  const reason = suppressionReasonOf(event);
  if (!reason) return { kind: 'ignored', reason: `${event.type} needs no action` };
  const to = event.data?.to;
  const addresses = (Array.isArray(to) ? to : to ? [to] : []).map(normaliseAddress);
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

/** As the list stores addresses (normalizeEmail); also accepts "Name <a@b>". */
function normaliseAddress(raw: string): string {
  return normalizeEmail(/<([^>]+)>/.exec(raw)?.[1] ?? raw);
}
