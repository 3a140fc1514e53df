import { createElement } from 'react';
import { render } from '@react-email/render';
import type { Db } from '../../db/client.ts';
import { ConfirmationEmail } from './emails/ConfirmationEmail.tsx';
import { WelcomeEmail } from './emails/WelcomeEmail.tsx';
import { confirmUrl, listUnsubscribeHeaders, unsubscribeUrl } from '../mail/email-links.ts';
import { CONFIRM_TTL_MS } from '../mail/email-tokens.ts';
import { enqueueEmail } from '../mail/mail-queue.ts';
import type { Subscriber } from './subscribers.ts';

/** Who the mail comes from, taken from the profile and EMAIL_FROM. */
export interface Sender {
  name: string;
  /** A full From header, e.g. `"Maya" <maya@example.com>`. */
  from: string;
  postalAddress?: string;
  leadMagnet?: { title: string; url: string };
}

/** Everything needed to build links: the public site URL and the signing key. */
export interface LinkContext {
  siteUrl: string;
  key: string;
}

/** Renders an email to HTML and plain text (react-email). */
export async function renderEmail(element: React.ReactElement): Promise<{ html: string; text: string }> {
  return { html: await render(element), text: await render(element, { plainText: true }) };
}

function absolute(siteUrl: string, url: string): string {
  return url.startsWith('/') ? `${siteUrl}${url}` : url;
}

/** Renders the confirmation email for a pending subscriber and puts it on the queue. */
export async function queueConfirmationEmail(db: Db, subscriber: Subscriber, sender: Sender, links: LinkContext, now = Date.now(), idempotencyKey?: string): Promise<number> {
  const unsubscribe = unsubscribeUrl(links.siteUrl, subscriber, links.key);
  const { html, text } = await renderEmail(
    createElement(ConfirmationEmail, {
      senderName: sender.name,
      firstName: subscriber.firstName,
      confirmUrl: confirmUrl(links.siteUrl, subscriber, links.key, now + CONFIRM_TTL_MS),
      unsubscribeUrl: unsubscribe,
      expiresInHours: CONFIRM_TTL_MS / 3_600_000,
      postalAddress: sender.postalAddress,
    }),
  );
  return enqueueEmail(
    db,
    { kind: 'confirmation', subscriberId: subscriber.id, to: subscriber.email, from: sender.from, subject: `Confirm your subscription to ${sender.name}`, html, text, headers: listUnsubscribeHeaders(unsubscribe), idempotencyKey },
    now,
  );
}

/** Renders the welcome email (with the lead magnet, if any) and queues it once per subscriber. */
export async function queueWelcomeEmail(db: Db, subscriber: Subscriber, sender: Sender, links: LinkContext, now = Date.now()): Promise<number> {
  const unsubscribe = unsubscribeUrl(links.siteUrl, subscriber, links.key);
  const magnet = sender.leadMagnet && { title: sender.leadMagnet.title, url: absolute(links.siteUrl, sender.leadMagnet.url) };
  const { html, text } = await renderEmail(
    createElement(WelcomeEmail, { senderName: sender.name, firstName: subscriber.firstName, siteUrl: links.siteUrl, unsubscribeUrl: unsubscribe, leadMagnet: magnet, postalAddress: sender.postalAddress }),
  );
  return enqueueEmail(
    db,
    {
      kind: 'welcome',
      subscriberId: subscriber.id,
      to: subscriber.email,
      from: sender.from,
      subject: `Welcome to ${sender.name}’s list`,
      html,
      text,
      headers: listUnsubscribeHeaders(unsubscribe),
      // One welcome per subscriber row, even if two confirmations race.
      idempotencyKey: `welcome-${subscriber.id}-${subscriber.createdAt.getTime()}`,
    },
    now,
  );
}
