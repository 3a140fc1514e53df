import { hasAll, hasAny, isTrue, type ListFormat } from './format.ts';

/**
 * Substack exports (Settings → Exports; headers from TryGhost/migrate's fixtures and
 * buttondown/roadmap#2282): the zip's email_list.<pub>.csv (email, active_subscription,
 * expiry, [plan,] email_disabled, [prefer_digests,] created_at) and the dashboard's
 * subscriber list (Email, Name, Subscription type, …, Subscription date, …, Receiving
 * emails for). Neither has a status column: email_disabled = true, or nothing in "Receiving
 * emails for", means the person gets no email (unsubscribed); everyone else is subscribed.
 * The plan or subscription type is kept as a tag.
 */
export const substack: ListFormat = {
  tool: 'substack',
  label: 'Substack',
  columns: {
    email: ['email'],
    fullName: ['Name'],
    signedUpAt: ['created_at', 'Subscription date'],
    emailDisabled: ['email_disabled'],
    receiving: ['Receiving emails for'],
    tags: ['plan', 'Subscription type'],
  },
  score: (keys) => {
    if (hasAll(keys, 'email', 'email_disabled') && hasAny(keys, 'active_subscription', 'expiry')) return 9;
    return hasAll(keys, 'email', 'Subscription type') ? 8 : 0;
  },
  status: (row) => {
    if (isTrue(row.emailDisabled)) return { status: 'unsubscribed' };
    if (row.receiving !== undefined && /^(|none|no)$/i.test(row.receiving.trim())) return { status: 'unsubscribed' };
    return { status: 'confirmed' };
  },
};
