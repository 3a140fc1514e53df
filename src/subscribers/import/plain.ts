import { hasAll, hasAny, statusFromWord, type ListFormat } from './format.ts';

/**
 * Perch's own export (`subscribers export`) and any simple sheet with an email column:
 * email, first_name, last_name, status, suppression_reason, suppressed_at, signed_up_at,
 * confirmed_at, unsubscribed_at, added_at, source, status_source, tags. Perch's export
 * carries every field, so importing it into an empty database gives the same list.
 */
export const plain: ListFormat = {
  tool: 'plain',
  label: 'plain (Perch)',
  columns: {
    email: ['email', 'Email Address', 'e-mail'],
    firstName: ['first_name', 'First Name', 'firstname'],
    lastName: ['last_name', 'Last Name', 'lastname'],
    fullName: ['name', 'Full Name'],
    status: ['status'],
    suppression: ['suppression_reason'],
    suppressedAt: ['suppressed_at'],
    signedUpAt: ['signed_up_at', 'created_at', 'subscribed_at'],
    confirmedAt: ['confirmed_at'],
    unsubscribedAt: ['unsubscribed_at'],
    addedAt: ['added_at'],
    source: ['source'],
    statusSource: ['status_source'],
    tags: ['tags'],
  },
  score: (keys) => (hasAll(keys, 'email', 'suppression_reason', 'added_at') ? 10 : hasAny(keys, 'email', 'Email Address', 'e-mail') ? 1 : 0),
  status: (row, hints) => {
    const word = statusFromWord(row.status, hints);
    const reason = row.suppression?.trim().toLowerCase();
    if ('error' in word || !reason) return word;
    if (reason !== 'bounce' && reason !== 'complaint') return { error: `unknown suppression reason "${row.suppression}"` };
    return { ...word, suppression: reason };
  },
};
