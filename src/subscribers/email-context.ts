// Astro side of the email feature: settings, profile and process-wide helpers in one place.
import { getEntry } from 'astro:content';
import { getSigningKey } from '../mail/email-tokens.ts';
import { ensureMailWorker } from '../mail/mail-worker.ts';
import { createSharedRateLimiter, type SharedRateLimiter } from '../platform/rate-limit.ts';
import { readForm } from '../platform/http/body.ts';
import { getClient, getDb, getSettings } from '../platform/server-settings.ts';
import { MAX_FORM_BYTES } from './signup-input.ts';
import { SIGNUP_LIMITS } from './signup-limits.ts';
import { mintFormToken } from './form-token.ts';
import { handleSignup, type SignupOutcome } from './signup.ts';
import { formatFrom } from '../mail/sender.ts';
import type { Sender } from './signup-mails.ts';

// Generous enough for a household or a café sharing one address; a script hits it at once.
// Counted in the database, so several instances share one limit per client.
let limiters: { perClient: SharedRateLimiter; perAddress: SharedRateLimiter } | undefined;

/** The profile fields a signup form shows. */
export async function getSignupProfile() {
  const profile = (await getEntry('profile', 'profile'))!.data;
  return { senderName: profile.emailSenderName, consent: profile.consent, leadMagnet: profile.leadMagnet };
}

/** Database, sender, link signing and the mail worker, for pages and endpoints. */
export async function getEmailContext() {
  const settings = getSettings();
  const db = getDb();
  const profile = (await getEntry('profile', 'profile'))!.data;
  const sender: Sender = {
    name: profile.emailSenderName,
    from: formatFrom(profile.emailSenderName, settings.emailFrom),
    postalAddress: profile.postalAddress,
    leadMagnet: profile.leadMagnet,
  };
  const worker = ensureMailWorker(db, settings);
  limiters ??= { perClient: createSharedRateLimiter(db, SIGNUP_LIMITS.perClient), perAddress: createSharedRateLimiter(db, SIGNUP_LIMITS.perAddress) };
  return { db, settings, sender, links: { siteUrl: settings.siteUrl, key: await getSigningKey(db) }, worker, limiters };
}

/** A fresh fill-time token for a signup form rendered or opened now. */
export async function newFormToken(): Promise<string> {
  return mintFormToken(await getSigningKey(getDb()));
}

export type SignupAnswer = SignupOutcome & { form?: URLSearchParams };

/**
 * One signup from a request: reads the form (size-limited), then validates, rate-limits and
 * starts the double opt-in. Both signup routes (the form page and its JSON twin) call this;
 * `clientAddress` is the socket peer, and the client behind a trusted proxy counts.
 */
export async function signupFromRequest(request: Request, clientAddress: string): Promise<SignupAnswer> {
  const body = await readForm(request, MAX_FORM_BYTES);
  if (!body.ok) return { ok: false, status: body.status, errors: { form: body.message }, values: { email: '', firstName: '' } };
  const ctx = await getEmailContext();
  const outcome = await handleSignup(body.value, { db: ctx.db, sender: ctx.sender, links: ctx.links, ...ctx.limiters, clientAddress: getClient(request, clientAddress).ip, onQueued: ctx.worker.wake });
  return { ...outcome, form: body.value };
}
