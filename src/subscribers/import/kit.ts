import { hasAny, isStatusWord, statusFromWord, type ListFormat } from './format.ts';

/**
 * Kit (ConvertKit) subscriber export. Kit's own UI export header could not be confirmed; these
 * are the API v4 names (email_address, first_name, state, created_at) and the import format's
 * (email, first name, tags). States: active → confirmed; inactive, cancelled → unsubscribed;
 * bounced, complained → suppressed. A `state` column holding US states (CA, NY) is not Kit's.
 */
export const kit: ListFormat = {
  tool: 'kit',
  label: 'Kit',
  columns: {
    email: ['email_address', 'email', 'Email Address'],
    firstName: ['first_name', 'First name'],
    lastName: ['last_name'],
    status: ['state', 'status'],
    signedUpAt: ['created_at', 'subscribed_at', 'Created'],
    tags: ['tags'],
  },
  score: (keys, sample) => {
    const states = sample.map((r) => r.status).filter((s) => s);
    // US states (CA, NY) in a `state` column are not Kit's: most values must be status words.
    if (!states.length || states.filter(isStatusWord).length < states.length * 0.8) return 0;
    if (hasAny(keys, 'email_address')) return 8;
    return hasAny(keys, 'state') && hasAny(keys, 'first_name', 'tags', 'created_at') ? 6 : 0;
  },
  status: (row, hints) => statusFromWord(row.status, hints),
};
