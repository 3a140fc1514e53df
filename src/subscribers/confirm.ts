import type { Db } from '../../db/client.ts';
import { checkConfirmToken, tokenSubscriberId } from '../mail/email-tokens.ts';
import { queueWelcomeEmail, type LinkContext, type Sender } from './signup-mails.ts';
import { confirmSubscriber, findSubscriber, type Subscriber } from './subscribers.ts';

export type ConfirmLookup =
  | { state: 'pending' | 'confirmed'; subscriber: Subscriber }
  | { state: 'expired' | 'invalid' | 'unsubscribed' };

/** What a confirmation link stands for. Looking never changes anything (scanners GET links). */
export async function lookupConfirmToken(db: Db, key: string, token: string | null, now = Date.now()): Promise<ConfirmLookup> {
  const id = tokenSubscriberId(token);
  const subscriber = id === null ? null : await findSubscriber(db, id);
  if (!subscriber) return { state: 'invalid' };
  const check = checkConfirmToken(key, token!, subscriber, now);
  if (check === 'invalid') return { state: 'invalid' };
  if (subscriber.status === 'confirmed') return { state: 'confirmed', subscriber };
  if (check === 'expired') return { state: 'expired' };
  return subscriber.status === 'pending' ? { state: 'pending', subscriber } : { state: 'unsubscribed' };
}

/**
 * The confirm button's POST: confirms a pending subscriber and queues the welcome email,
 * once. Returns the lookup state that applied.
 */
export async function confirmFromToken(db: Db, token: string | null, sender: Sender, links: LinkContext, now = Date.now()): Promise<ConfirmLookup['state']> {
  const found = await lookupConfirmToken(db, links.key, token, now);
  if (found.state !== 'pending') return found.state;
  const { subscriber, changed } = await confirmSubscriber(db, found.subscriber.id, now);
  if (changed && subscriber) await queueWelcomeEmail(db, subscriber, sender, links, now);
  return 'confirmed';
}
