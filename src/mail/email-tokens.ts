import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../platform/secrets.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/settings.ts';

const KEY_NAME = 'email-signing-key';

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;

/** The part of a subscriber a token is bound to: a re-created row gets fresh tokens. */
export interface TokenSubject {
  id: number;
  email: string;
}

/**
 * The HMAC key for confirmation and unsubscribe links. Generated on first use and kept in
 * the `settings` table, so it is never in the repository or the environment; every instance
 * sharing the database signs with the same key.
 */
export async function getSigningKey(db: Db): Promise<string> {
  const read = async () => (await db.select().from(settings).where(eq(settings.key, KEY_NAME)))[0]?.value;
  const existing = await read();
  if (existing) return existing;
  await db.insert(settings).values({ key: KEY_NAME, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  // Another instance may have won the race: use whatever is stored now.
  return (await read())!;
}

/** An HMAC-SHA256 signature of `message` with the site key, as used in every signed token. */
export function sign(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url').slice(0, 32);
}

/** A confirmation token: `<id>.<expiry, base 36 ms>.<signature>`. */
export function createConfirmToken(key: string, subject: TokenSubject, expiresAt: number): string {
  const exp = expiresAt.toString(36);
  return `${subject.id}.${exp}.${sign(key, `confirm|${subject.id}|${subject.email}|${exp}`)}`;
}

/** An unsubscribe token: `<id>.<signature>`; it does not expire (RFC 8058 links live on in old mail). */
export function createUnsubscribeToken(key: string, subject: TokenSubject): string {
  return `${subject.id}.${sign(key, `unsubscribe|${subject.id}|${subject.email}`)}`;
}

/** The subscriber id a token names, before its signature is checked against the row. */
export function tokenSubscriberId(token: string | null | undefined): number | null {
  const match = /^(\d{1,15})\./.exec(token ?? '');
  return match ? Number(match[1]) : null;
}

export type ConfirmCheck = 'valid' | 'expired' | 'invalid';

/** Checks a confirmation token against the subscriber row it names. */
export function checkConfirmToken(key: string, token: string, subject: TokenSubject, now: number): ConfirmCheck {
  const [id, exp, signature] = token.split('.');
  if (Number(id) !== subject.id || !exp || !signature) return 'invalid';
  if (!sameSecret(signature, sign(key, `confirm|${subject.id}|${subject.email}|${exp}`))) return 'invalid';
  return parseInt(exp, 36) < now ? 'expired' : 'valid';
}

/** Checks an unsubscribe token against the subscriber row it names. */
export function checkUnsubscribeToken(key: string, token: string, subject: TokenSubject): boolean {
  const [id, signature, extra] = token.split('.');
  if (Number(id) !== subject.id || !signature || extra !== undefined) return false;
  return sameSecret(signature, sign(key, `unsubscribe|${subject.id}|${subject.email}`));
}
