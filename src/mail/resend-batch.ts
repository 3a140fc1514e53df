/**
 * The one place broadcasts talk to Resend: a batch of up to 100 emails per call, with an
 * idempotency key, turned into an outcome the send loop can act on.
 */
import type { OutgoingEmail } from './outgoing-email.ts';
import { createResendClient, parseRetryAfter } from './resend-client.ts';

export type BatchOutcome =
  /** Accepted; `ids[i]` is Resend's id of email i, `errors` those it refused one by one. */
  | { kind: 'sent'; ids: (string | undefined)[]; errors: { index: number; message: string }[] }
  /** Resend already handled this key with another payload: the batch went out before. */
  | { kind: 'duplicate' }
  /**
   * Try the same batch again: rate-limited (`afterMs` from retry-after, wait and retry as
   * often as needed), or busy/unreachable (no `afterMs`: back off, give up after a few).
   */
  | { kind: 'retry'; afterMs?: number; reason: string }
  /** Refused as a whole (bad key, bad sender…): stop, nothing in this batch was sent. */
  | { kind: 'refused'; reason: string };

export type SendBatch = (emails: OutgoingEmail[], idempotencyKey: string) => Promise<BatchOutcome>;

/** Resend's batch endpoint through its SDK; `baseUrl` points it at another server (tests). */
export function createResendBatchSender(apiKey: string, baseUrl?: string): SendBatch {
  const resend = createResendClient(apiKey, baseUrl);
  return async (emails, idempotencyKey) => {
    const { data, error, headers } = await resend.batch.send(
      emails.map((e) => ({ from: e.from, to: [e.to], subject: e.subject, html: e.html, text: e.text, headers: e.headers })),
      // Permissive: one malformed address must not hold back the other 99.
      { idempotencyKey, batchValidation: 'permissive' },
    );
    if (data) {
      const errors = 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
      const failed = new Set(errors.map((e) => e.index));
      // In permissive mode `data` lists the accepted emails only, in order.
      const accepted = [...data.data];
      const ids = emails.map((_, i) => (failed.has(i) ? undefined : accepted.shift()?.id));
      return { kind: 'sent', ids, errors };
    }
    return classifyError(error, headers);
  };
}

type ErrorShape = { name?: string; message?: string; statusCode?: number | null } | null;

function classifyError(error: ErrorShape, headers: Record<string, string> | null): BatchOutcome {
  const status = error?.statusCode ?? null;
  const reason = `${status ?? 'network'} ${error?.name ?? ''}: ${error?.message ?? 'no details'}`.trim();
  if (error?.name === 'invalid_idempotent_request') return { kind: 'duplicate' };
  // Also a 429, but waiting seconds will not help: the creator must raise the plan's quota.
  if (error?.name?.endsWith('_quota_exceeded')) return { kind: 'refused', reason };
  if (status === 429 || error?.name === 'rate_limit_exceeded' || error?.name === 'concurrent_idempotent_requests') {
    return { kind: 'retry', afterMs: parseRetryAfter(headers?.['retry-after']) ?? 1000, reason };
  }
  // Network failures and server errors are transient; the idempotency key makes retrying safe.
  if (status === null || status >= 500) return { kind: 'retry', reason };
  return { kind: 'refused', reason };
}

