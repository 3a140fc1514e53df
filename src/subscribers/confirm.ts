import type { Db } from '../../db/client.ts';
import { checkConfirmToken, tokenSubscriberId } from '../mail/email-tokens.ts';
import { queueWelcomeEmail, type LinkContext, type Sender } from './signup-mails.ts';
import { confirmSubscriber, findSubscriber, type Subscriber } from './subscribers.ts';

export type ConfirmLookup =
  | { kind: 'pending' | 'confirmed'; subscriber: Subscriber }
  | { kind: 'expired' | 'invalid' | 'unsubscribed' };

/** What a confirmation link stands for. Looking never changes anything (scanners GET links). */
export async function lookupConfirmToken(db: Db, key: string, token: string | null, now = Date.now()): Promise<ConfirmLookup> {
  const id = tokenSubscriberId(token);
  const subscriber = id === null ? null : await findSubscriber(db, id);
  if (!subscriber) return { kind: 'invalid' };
  const check = checkConfirmToken(key, token!, subscriber, now);
  if (check === 'invalid') return { kind: 'invalid' };
  if (subscriber.status === 'confirmed') return { kind: 'confirmed', subscriber };
  if (check === 'expired') return { kind: 'expired' };
  return subscriber.status === 'pending' ? { kind: 'pending', subscriber } : { kind: 'unsubscribed' };
}

/**
 * The confirm button's POST: confirms a pending subscriber and queues the welcome email,
 * once. Returns the lookup state that applied.
 */
export async function confirmFromToken(db: Db, token: string | null, sender: Sender, links: LinkContext, now = Date.now()): Promise<ConfirmLookup['kind']> {
  const found = await lookupConfirmToken(db, links.key, token, now);
  if (found.kind !== 'pending') return found.kind;
  const { subscriber, changed } = await confirmSubscriber(db, found.subscriber.id, now);
  if (changed && subscriber) await queueWelcomeEmail(db, subscriber, sender, links, now);
  return 'confirmed';
}
