/**
 * The one table of request-body limits, per route that takes a POST. The Node wrapper
 * (src/server/guard.ts) refuses a declared Content-Length above the route's limit before a
 * byte is read, and each route reads its body through body.ts with the same limit, which
 * stops a chunked body as soon as it passes it. A POST to any other path is refused (405).
 */
export const BODY_LIMITS = {
  '/api/view': 4 * 1024,
  '/api/subscribe': 8 * 1024,
  '/subscribe': 8 * 1024,
  '/subscribe/confirm': 4 * 1024,
  '/subscribe/unsubscribe': 8 * 1024,
  '/api/postback': 16 * 1024,
  '/api/resend-webhook': 64 * 1024,
  '/stats': 4 * 1024,
  '/stats/logout': 1024,
  '/studio/login': 4 * 1024,
  '/studio/logout': 1024,
  // A whole list export (about 20 MB is 200,000 subscribers).
  '/studio/list': 20 * 1024 * 1024,
} as const satisfies Record<string, number>;

/** Routes with a parameter, by the start of their path: every other studio form is small. */
const PREFIX_LIMITS: [prefix: string, limit: number][] = [
  ['/studio/', 64 * 1024],
  ['/stats/', 16 * 1024],
];

export type PostRoute = keyof typeof BODY_LIMITS;

/** The body limit for a POST to `pathname` (with or without a trailing slash), or null when the path takes no POST. */
export function bodyLimitFor(pathname: string): number | null {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return (BODY_LIMITS as Record<string, number>)[path] ?? PREFIX_LIMITS.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null;
}
