/**
 * The signup rate limits, counted in the database so every instance shares them
 * (src/platform/rate-limit.ts): per client across the site, and per address (so nobody can
 * flood an inbox with confirmation emails). Erasing a subscriber forgets their address's count.
 */
import type { SharedLimit } from '../platform/rate-limit.ts';

export const SIGNUP_LIMITS = {
  perClient: { name: 'signup-client', limit: 10, windowMs: 10 * 60_000 },
  perAddress: { name: 'signup-address', limit: 5, windowMs: 60 * 60_000 },
} as const satisfies Record<string, SharedLimit>;

/** The per-client limit's key for a client address. */
export const clientLimitKey = (clientAddress: string) => `ip:${clientAddress}`;
/** The per-address limit's key: addresses compare without case. */
export const addressLimitKey = (email: string) => `email:${email.toLowerCase()}`;
