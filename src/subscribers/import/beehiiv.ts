import { hasAll, hasAny, statusFromWord, type ListFormat } from './format.ts';

/**
 * beehiiv subscriber export (Audience → Export; header from TryGhost/migrate's fixture:
 * email, First Name, Last Name, status, tier, created_at, stripe_customer_id, …,
 * unsubscribed_at; First/Last Name are custom fields). An unsubscribed_at date means
 * unsubscribed whatever the status says; status: active → confirmed, inactive →
 * unsubscribed, pending / validating → pending. The tier (free, premium) is kept as a tag.
 */
export const beehiiv: ListFormat = {
  tool: 'beehiiv',
  label: 'beehiiv',
  columns: {
    email: ['email'],
    firstName: ['First Name', 'first_name'],
    lastName: ['Last Name', 'last_name'],
    fullName: ['name'],
    status: ['status'],
    signedUpAt: ['created_at'],
    unsubscribedAt: ['unsubscribed_at'],
    tags: ['tier'],
  },
  score: (keys) =>
    hasAll(keys, 'email', 'status') && hasAny(keys, 'tier', 'stripe_customer_id', 'unsubscribed_at', 'utm_source', 'referring_site', 'subscription_tier') ? 7 : 0,
  status: (row, hints) => (row.unsubscribedAt ? { status: 'unsubscribed' } : statusFromWord(row.status, hints)),
};
