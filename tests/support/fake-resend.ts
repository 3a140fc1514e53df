import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATIENCE_MS } from './wait.ts';

/** One email as Resend's API received it (snake_case wire format). */
export interface ReceivedEmail {
  id: string;
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  [field: string]: unknown;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface Failure {
  status: number;
  /** Seconds, sent as `retry-after` (429s). */
  retryAfter?: number;
}

export interface FakeResend {
  url: string;
  apiKey: string;
  /** Every request, in order, with the status it got. */
  requests: ReceivedRequest[];
  /** Emails accepted, once each: a replay of an idempotency key is not counted again. */
  emails: ReceivedEmail[];
  /** The next `count` email requests fail with this status. */
  failNext(count: number, failure: Failure): void;
  /** Resolves once `count` emails have been accepted (or rejects after `timeoutMs`). */
  waitForEmails(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

export interface FakeResendOptions {
  apiKey?: string;
  /** Requests per second before answering 429 (Resend's default is a few); unlimited if unset. */
  rateLimitPerSecond?: number;
}

/**
 * A local HTTP server speaking Resend's wire format for POST /emails and POST /emails/batch:
 * bearer auth, the Idempotency-Key header (a replay returns the first answer and delivers
 * nothing), validation errors as 422, a per-second rate limit answered with 429 and
 * `retry-after`, and programmable failures. It records what it received.
 */
export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? 're_test_key';
  const requests: ReceivedRequest[] = [];
  const emails: ReceivedEmail[] = [];
  const failures: Failure[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const waiters = new Set<() => void>();
  let windowStart = 0;
  let windowCount = 0;

  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const error = (status: number, name: string, message: string, headers?: Record<string, string>) => answer(status, { statusCode: status, name, message }, headers);

    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, 'missing_api_key', 'Missing or invalid API key');
    if (req.method !== 'POST' || (req.url !== '/emails' && req.url !== '/emails/batch')) return error(404, 'not_found', 'Unknown endpoint');
    if (options.rateLimitPerSecond) {
      const now = Date.now();
      if (now - windowStart >= 1000) [windowStart, windowCount] = [now, 0];
      if (++windowCount > options.rateLimitPerSecond) {
        return error(429, 'rate_limit_exceeded', 'Too many requests', { 'retry-after': '1', 'ratelimit-limit': String(options.rateLimitPerSecond) });
      }
    }
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return error(failure.status, failure.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error', 'Programmed failure', headers);
    }
    const key = req.headers['idempotency-key'];
    const replay = typeof key === 'string' ? idempotent.get(`${req.url}|${key}`) : undefined;
    if (replay) return answer(replay.status, replay.body);

    const batch = req.url === '/emails/batch';
    const list = batch ? body : [body];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) return error(422, 'validation_error', 'A batch holds 1 to 100 emails');
    for (const email of list as ReceivedEmail[]) {
      if (!email?.from || !email.to || !email.subject || (!email.html && !email.text)) return error(422, 'validation_error', 'from, to, subject and html or text are required');
    }
    const accepted = (list as ReceivedEmail[]).map((email) => ({ ...email, id: randomUUID() }));
    emails.push(...accepted);
    const payload = batch ? { data: accepted.map(({ id }) => ({ id })) } : { id: accepted[0]!.id };
    if (typeof key === 'string') idempotent.set(`${req.url}|${key}`, { status: 200, body: payload });
    answer(200, payload);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    emails,
    failNext: (count, failure) => failures.push(...Array.from({ length: count }, () => failure)),
    waitForEmails: (count, timeoutMs = PATIENCE_MS) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (emails.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(emails.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Fake Resend got ${emails.length} of ${count} emails within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
