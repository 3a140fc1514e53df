/** The Resend SDK client every sender uses, and how to read its `retry-after` answers. */
import type { Resend } from 'resend';

type Emails = Resend['emails'];
type Batch = Resend['batch'];

/** The two calls Perch makes; the SDK behind them is loaded on the first send, not at start. */
export interface ResendClient {
  emails: Pick<Emails, 'send'>;
  batch: Pick<Batch, 'send'>;
}

/**
 * A Resend client honouring RESEND_BASE_URL (tests point it at a local fake). The SDK (with
 * the inbound-mail parser it bundles) costs the server memory it does not need until it mails.
 */
export function createResendClient(apiKey: string, baseUrl?: string): ResendClient {
  let client: Promise<Resend> | undefined;
  const sdk = () => (client ??= import('resend').then(({ Resend }) => new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined)));
  return {
    emails: { send: (async (...args: Parameters<Emails['send']>) => (await sdk()).emails.send(...args)) as Emails['send'] },
    batch: { send: (async (...args: Parameters<Batch['send']>) => (await sdk()).batch.send(...args)) as Batch['send'] },
  };
}

/** Milliseconds from a `retry-after` header (seconds or an HTTP date); undefined when absent. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds * 1000, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}
