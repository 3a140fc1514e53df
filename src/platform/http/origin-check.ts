/**
 * Astro's `security.checkOrigin`, with the client's real protocol: behind a TLS-terminating
 * proxy Perch itself is reached over http, while the browser's Origin says https. A form-like
 * POST (or any unsafe request without a content type) must come from the page's own origin.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.includes(method);
}

export function isCrossSiteForm(request: Request, protocol: 'http' | 'https'): boolean {
  if (isSafeMethod(request.method)) return false;
  const origin = `${protocol}://${new URL(request.url).host}`;
  const sameOrigin = request.headers.get('origin') === origin;
  const type = request.headers.get('content-type');
  if (type === null) return !sameOrigin;
  return FORM_TYPES.some((t) => type.toLowerCase().includes(t)) && !sameOrigin;
}

export function crossSiteResponse(request: Request): Response {
  return new Response(`Cross-site ${request.method} form submissions are forbidden.\n`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
