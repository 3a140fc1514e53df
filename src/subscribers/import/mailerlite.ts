import { hasAny, statusFromWord, type ListFormat } from './format.ts';

/**
 * MailerLite subscriber export. Its real header could not be confirmed: columns are matched by
 * name (Subscriber or Email; Name and Last name; Subscribed; Status; Groups), the best
 * evidence being third-party importers. Status words: active, unsubscribed, unconfirmed,
 * bounced, junk; an export without a Status column needs --status (MailerLite exports one
 * segment at a time). Groups are kept as tags.
 */
export const mailerlite: ListFormat = {
  tool: 'mailerlite',
  label: 'MailerLite',
  columns: {
    email: ['Subscriber', 'Email', 'email'],
    firstName: ['Name', 'name', 'First name'],
    lastName: ['Last name', 'last_name'],
    status: ['Status', 'status'],
    signedUpAt: ['Subscribed', 'subscribed_at', 'Date subscribed'],
    confirmedAt: ['Confirmed', 'confirmed_at'],
    unsubscribedAt: ['Unsubscribed', 'unsubscribed_at'],
    tags: ['Groups', 'groups'],
  },
  score: (keys) => {
    if (hasAny(keys, 'Subscriber')) return 8;
    return hasAny(keys, 'Groups') && hasAny(keys, 'Last name', 'Subscribed', 'Date subscribed') ? 6 : 0;
  },
  status: (row, hints) => (row.status ? statusFromWord(row.status, hints) : row.unsubscribedAt ? { status: 'unsubscribed' } : statusFromWord('', hints)),
};
