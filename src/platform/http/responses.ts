/**
 * The one response shape of Perch's JSON and plain-text endpoints. JSON answers are
 * `{ ok: true, … }` or `{ ok: false, error: "a sentence a person understands", errors?: { field: "…" } }`.
 */
export interface ErrorBody {
  ok: false;
  error: string;
  /** Field-level messages, keyed by form field. */
  errors?: Record<string, string>;
}

/** Headers every API answer carries: never cached, never indexed. */
export const API_HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } as const;

export function jsonResponse(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...API_HEADERS, ...headers } });
}

export function jsonError(status: number, error: string, extra: Omit<ErrorBody, 'ok' | 'error'> & Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { ok: false, error, ...extra }, headers);
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text ? `${text.replace(/\n$/, '')}\n` : '', { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...API_HEADERS, ...headers } });
}
