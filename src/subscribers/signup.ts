import type { Db } from '../../db/client.ts';
import type { RateLimiter, SharedRateLimiter } from '../platform/rate-limit.ts';
import { queueConfirmationEmail, type LinkContext, type Sender } from './signup-mails.ts';
import { parseSignupForm, type FieldErrors } from './signup-input.ts';
import { registerSignup } from './subscribers.ts';
import { addressLimitKey, clientLimitKey } from './signup-limits.ts';

export interface SignupContext {
  db: Db;
  sender: Sender;
  links: LinkContext;
  /** Limits per client address and per email address (keys are hashed inside). */
  perClient: RateLimiter | SharedRateLimiter;
  perAddress: RateLimiter | SharedRateLimiter;
  clientAddress: string;
  /** Called after a mail was queued, so the worker sends it now. */
  onQueued?: () => void;
  now?: number;
}

export type SignupOutcome =
  | { ok: true }
  | { ok: false; status: 400 | 413 | 415 | 429; errors: FieldErrors; retryAfterSeconds?: number; values: { email: string; firstName: string } };

/**
 * Handles one submitted signup form: bot traps, validation, rate limits, then the double
 * opt-in. Every accepted submission gets the same answer, whether the address was new,
 * pending or already confirmed.
 */
export async function handleSignup(form: URLSearchParams, ctx: SignupContext): Promise<SignupOutcome> {
  const now = ctx.now ?? Date.now();
  const values = { email: (form.get('email') ?? '').slice(0, 300), firstName: (form.get('first_name') ?? '').slice(0, 100) };
  const parsed = parseSignupForm(form, ctx.links.key, now);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors, values };
  const wait = Math.max(await ctx.perClient.hit(clientLimitKey(ctx.clientAddress), now), await ctx.perAddress.hit(addressLimitKey(parsed.input.email), now));
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: Math.ceil(wait / 1000),
      errors: { form: `Too many sign-ups from here just now. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` },
      values,
    };
  }
  const { subscriber, sendConfirmation, confirmationKey } = await registerSignup(ctx.db, parsed.input, now);
  if (sendConfirmation) {
    await queueConfirmationEmail(ctx.db, subscriber, ctx.sender, ctx.links, now, confirmationKey);
    ctx.onQueued?.();
  }
  return { ok: true };
}
