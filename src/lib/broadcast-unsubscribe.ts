/**
 * Signed per-subscriber unsubscribe links for broadcasts (RFC 8058 one-click headers).
 * A stand-in with the same shape as the email list's own: the engine only sees
 * `UnsubscribeFor`, so swapping implementations touches the CLI wiring, nothing else.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/settings.ts';

export interface UnsubscribeLink {
  /** Opens a page with one button; a POST to it unsubscribes at once (RFC 8058). */
  url: string;
  /** `List-Unsubscribe` and `List-Unsubscribe-Post` for the message's headers. */
  headers: Record<string, string>;
}

export type UnsubscribeFor = (subscriber: { id: number; email: string }) => UnsubscribeLink;

const KEY_NAME = 'broadcast_unsubscribe_key';

/** The HMAC key, generated on first use and kept in the settings table (never in the repo). */
async function getSigningKey(db: Db): Promise<string> {
  await db
    .insert(settings)
    .values({ key: KEY_NAME, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  // Re-read: another process may have inserted its key first, and that one wins.
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY_NAME));
  return row!.value;
}

function sign(key: string, id: number): string {
  return createHmac('sha256', key).update(`unsubscribe:${id}`).digest('base64url').slice(0, 32);
}

/** Builds `unsubscribeFor` for the CLI: `${siteUrl}/subscribe/unsubscribe?id=…&token=…`. */
export async function createSignedUnsubscribe(db: Db, siteUrl: string): Promise<UnsubscribeFor> {
  const key = await getSigningKey(db);
  return ({ id }) => {
    const url = `${siteUrl}/subscribe/unsubscribe?id=${id}&token=${sign(key, id)}`;
    return { url, headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
  };
}

/** Whether `token` is the signature of subscriber `id` (constant-time). */
export async function verifyUnsubscribeToken(db: Db, id: number, token: string): Promise<boolean> {
  const expected = Buffer.from(sign(await getSigningKey(db), id));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
