import { createRateLimiter } from '../platform/rate-limit.ts';

// A brand reloads its report a few times; a guesser tries many tokens. Both are per network
// (hashed in memory by the limiter), and a wrong token costs far more than a right one.
const requests = createRateLimiter(120, 10 * 60_000);
const misses = createRateLimiter(10, 10 * 60_000);

/** Counts a request for a report; the ms to wait when this network is over its limit, else 0. */
export function brandReportRequest(clientAddress: string): number {
  return requests.hit(clientAddress);
}

/** Counts a token that opened nothing; the ms to wait when this network guessed too often. */
export function brandReportMiss(clientAddress: string): number {
  return misses.hit(clientAddress);
}
