import type { Db } from '../../db/client.ts';
import { checkUnsubscribeToken, tokenSubscriberId } from '../mail/email-tokens.ts';
import { findSubscriber, resubscribeSubscriber, unsubscribeSubscriber, type Subscriber } from './subscribers.ts';

export type TokenLookup = { kind: 'valid'; subscriber: Subscriber } | { kind: 'gone' } | { kind: 'invalid' };

/** The subscriber an unsubscribe token stands for, if its signature holds. */
export async function lookupUnsubscribeToken(db: Db, key: string, token: string | null): Promise<TokenLookup> {
  const id = tokenSubscriberId(token);
  if (id === null) return { kind: 'invalid' };
  const subscriber = await findSubscriber(db, id);
  // A deleted subscriber's old link: nobody to unsubscribe, nothing to reveal.
  if (!subscriber) return { kind: 'gone' };
  return checkUnsubscribeToken(key, token!, subscriber) ? { kind: 'valid', subscriber } : { kind: 'invalid' };
}

export interface UnsubscribeAnswer {
  status: 200 | 303 | 400;
  /** For 303: where the browser goes next (the same page, now showing the new state). */
  location?: string;
  text?: string;
}

/**
 * A POST to the unsubscribe link. RFC 8058 one-click posts (`List-Unsubscribe=One-Click`,
 * sent by mail apps without an Origin header) unsubscribe at once and get 200; the page's
 * own buttons unsubscribe or resubscribe and are sent back to the page (post/redirect/get).
 */
export async function answerUnsubscribePost(db: Db, key: string, token: string | null, form: URLSearchParams): Promise<UnsubscribeAnswer> {
  const found = await lookupUnsubscribeToken(db, key, token);
  const oneClick = form.get('List-Unsubscribe') === 'One-Click';
  if (found.kind === 'invalid') return { status: 400, text: 'This unsubscribe link is not valid. Please use the link from your most recent email.' };
  if (found.kind === 'gone') return { status: 200, text: 'This address is not on the list.' };
  const page = `/subscribe/unsubscribe?t=${encodeURIComponent(token!)}`;
  if (!oneClick && form.get('action') === 'resubscribe') {
    await resubscribeSubscriber(db, found.subscriber.id);
    return { status: 303, location: page };
  }
  await unsubscribeSubscriber(db, found.subscriber.id);
  return oneClick ? { status: 200, text: 'You are unsubscribed. You will get no more emails from this list.' } : { status: 303, location: page };
}
