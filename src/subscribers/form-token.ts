/**
 * The signup form's fill-time token: `<issued, base 36 ms>.<signature>`, signed with the
 * site key, so a client cannot claim the form was on screen longer than it was. A person
 * needs MIN_FILL_MS to fill the form; a token older than MAX_AGE_MS is refused (the page
 * gets a fresh one). No cookie and nothing per visitor: the token says only when.
 */
import { sign } from '../mail/email-tokens.ts';
import { sameSecret } from '../platform/secrets.ts';

/** A person needs longer than this to read and fill the form; scripts post at once. */
export const MIN_FILL_MS = 1_500;
export const MAX_AGE_MS = 12 * 60 * 60_000;

export type FormTokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'forged' | 'early' | 'expired' };

export function mintFormToken(key: string, now = Date.now()): string {
  const issued = now.toString(36);
  return `${issued}.${sign(key, `signup-form|${issued}`)}`;
}

export function checkFormToken(key: string, token: string | null | undefined, now = Date.now()): FormTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const [issued = '', signature = '', extra] = token.split('.');
  if (extra !== undefined || !/^[0-9a-z]{1,12}$/.test(issued) || !sameSecret(signature, sign(key, `signup-form|${issued}`))) return { ok: false, reason: 'forged' };
  const age = now - parseInt(issued, 36);
  if (age < MIN_FILL_MS) return { ok: false, reason: 'early' };
  if (age > MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true };
}
