/** The Resend SDK client every sender uses, and how to read its `retry-after` answers. */
import { Resend } from 'resend';

/** A Resend client honouring RESEND_BASE_URL (tests point it at a local fake). */
export function createResendClient(apiKey: string, baseUrl?: string): Resend {
  return new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined);
}

/** Milliseconds from a `retry-after` header (seconds or an HTTP date); undefined when absent. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds * 1000, 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}
