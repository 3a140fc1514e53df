import { hasAny, statusFromWord, type ListFormat } from './format.ts';

/**
 * Mailchimp audience export (Audience → Export audience: a zip of subscribed_…, unsubscribed_…
 * and cleaned_… CSVs; headers from TryGhost/migrate's fixtures). The status is read from each
 * row's values: a CLEAN_TIME means cleaned (bounced), an UNSUB_TIME unsubscribed, a Status
 * column its word, else the file's name (cleaned_… / unsubscribed_…), else subscribed. So
 * one header shared by every status file, or merge fields named UNSUB_…, change nothing.
 */
export const mailchimp: ListFormat = {
  tool: 'mailchimp',
  label: 'Mailchimp',
  columns: {
    email: ['Email Address', 'Email', 'E-mail'],
    firstName: ['First Name', 'FNAME'],
    lastName: ['Last Name', 'LNAME'],
    fullName: ['Name', 'Full Name'],
    status: ['Status', 'Member Status'],
    signedUpAt: ['OPTIN_TIME', 'CONFIRM_TIME'],
    confirmedAt: ['CONFIRM_TIME'],
    unsubscribedAt: ['UNSUB_TIME'],
    suppressedAt: ['CLEAN_TIME'],
    tags: ['TAGS'],
  },
  score: (keys) => (hasAny(keys, 'Email Address') && hasAny(keys, 'MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LEID', 'EUID') ? 10 : 0),
  status: (row, hints) => {
    if (row.suppressedAt) return { status: 'unsubscribed', suppression: 'bounce' };
    if (row.unsubscribedAt) return { status: 'unsubscribed' };
    if (row.status) return statusFromWord(row.status, hints);
    const file = (hints.fileName ?? '').toLowerCase().replace(/^.*[\\/]/, '');
    if (file.startsWith('cleaned')) return { status: 'unsubscribed', suppression: 'bounce' };
    if (file.startsWith('unsubscribed')) return { status: 'unsubscribed' };
    return { status: 'confirmed' };
  },
};
