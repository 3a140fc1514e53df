import { basename } from 'node:path';
import type { QueuedEmail } from '../../db/schema/email.ts';
import type { MailTransport, SendOutcome } from './mail-queue.ts';
import { writeToOutbox } from './outbox.ts';
import { createResendClient, parseRetryAfter } from './resend-client.ts';
import type { Settings } from '../platform/settings.ts';

/**
 * Sends through Resend with the row's idempotency key, so a retry after a crash or a lost
 * response is answered with the first send instead of a second email.
 */
export function createResendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const resend = createResendClient(apiKey, baseUrl);
  return {
    name: 'resend',
    async send(mail: QueuedEmail): Promise<SendOutcome> {
      const { data, error, headers } = await resend.emails.send(
        { from: mail.fromAddress, to: mail.toAddress, subject: mail.subject, html: mail.html, text: mail.text, headers: JSON.parse(mail.headers) },
        { idempotencyKey: mail.idempotencyKey },
      );
      if (data) return { ok: true, id: data.id };
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 'network';
      return { ok: false, error: `Resend ${status}: ${error?.message ?? 'no answer'}`, retryAfterMs: parseRetryAfter(headers?.['retry-after']) };
    },
  };
}

/**
 * Writes each email into `<dataDir>/outbox/` as an .eml file (opens in any mail app) and an
 * .html file (opens in a browser). The name is derived from the row, so a retry overwrites
 * rather than duplicates.
 */
export function createOutboxTransport(dataDir: string): MailTransport {
  return {
    name: 'outbox',
    async send(mail: QueuedEmail): Promise<SendOutcome> {
      const { eml } = await writeToOutbox(dataDir, `${String(mail.id).padStart(6, '0')}-${mail.kind}`, {
        from: mail.fromAddress,
        to: mail.toAddress,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: JSON.parse(mail.headers) as Record<string, string>,
        date: mail.createdAt,
        messageId: mail.idempotencyKey,
      });
      return { ok: true, id: basename(eml) };
    },
  };
}

/** Resend when RESEND_API_KEY is set, the local outbox otherwise. */
export function createMailTransport(settings: Settings): MailTransport {
  return settings.resendApiKey
    ? createResendTransport(settings.resendApiKey, settings.resendBaseUrl)
    : createOutboxTransport(settings.dataDir);
}
