/**
 * A local HTTP server speaking Resend's wire format for POST /emails and POST /emails/batch:
 * bearer auth, Idempotency-Key (same key and payload → the same answer and no new delivery),
 * a token-bucket rate limit answering 429 with retry-after, injectable failures, and hooks
 * that let a test kill a sender at an exact point. Reached through RESEND_BASE_URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers: Record<string, string>;
  idempotencyKey?: string;
}

export interface RequestLog {
  path: string;
  at: number;
  status: number;
  idempotencyKey?: string;
  size: number;
}

export interface FakeResendOptions {
  apiKey?: string;
  /** Requests per second before 429 (token bucket, burst = rate). Unlimited when unset. */
  ratePerSecond?: number;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type Hook = (batchNumber: number) => Promise<void> | void;

export interface FakeResendBatch {
  url: string;
  apiKey: string;
  deliveries: Delivery[];
  requests: RequestLog[];
  /** The next `count` requests answer `status` (e.g. 500) without delivering anything. */
  failNext: (count: number, status: number, name?: string) => void;
  /** Runs when the n-th accepted batch request arrives, before anything is delivered. */
  beforeDeliver?: Hook;
  /** Runs after the n-th batch is delivered, before the answer is written. */
  afterDeliver?: Hook;
  close: () => Promise<void>;
}

export async function startFakeResendBatch(options: FakeResendOptions = {}): Promise<FakeResendBatch> {
  const apiKey = options.apiKey ?? 're_test_fake';
  const idempotent = new Map<string, { hash: string; answer?: Answer }>();
  const bucket = { tokens: options.ratePerSecond ?? 0, at: Date.now() };
  const failures: { status: number; name: string }[] = [];
  let batchNumber = 0;

  const fake: FakeResendBatch = {
    url: '',
    apiKey,
    deliveries: [],
    requests: [],
    failNext: (count, status, name = 'internal_server_error') => failures.push(...Array.from({ length: count }, () => ({ status, name }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const takeToken = (): number | undefined => {
    const rate = options.ratePerSecond;
    if (!rate) return undefined;
    const now = Date.now();
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  };

  const deliver = (email: Record<string, unknown>, key?: string): string => {
    const id = randomUUID();
    const to = Array.isArray(email.to) ? (email.to as string[]) : [String(email.to)];
    fake.deliveries.push({ id, from: String(email.from), to, subject: String(email.subject), html: email.html as string, text: email.text as string, headers: (email.headers as Record<string, string>) ?? {}, idempotencyKey: key });
    return id;
  };

  const handle = async (req: http.IncomingMessage, raw: string): Promise<Answer> => {
    if (req.method !== 'POST' || !['/emails', '/emails/batch'].includes(req.url ?? '')) {
      return { status: 404, body: { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' } };
    }
    const auth = req.headers.authorization;
    if (!auth) return { status: 401, body: { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' } };
    if (auth !== `Bearer ${apiKey}`) return { status: 403, body: { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' } };
    const retryAfter = takeToken();
    if (retryAfter !== undefined) {
      return { status: 429, headers: { 'retry-after': String(retryAfter) }, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' } };
    }
    const failure = failures.shift();
    if (failure) return { status: failure.status, body: { statusCode: failure.status, name: failure.name, message: 'Injected failure' } };

    const key = req.headers['idempotency-key'] as string | undefined;
    const hash = createHash('sha256').update(raw).digest('hex');
    if (key) {
      const seen = idempotent.get(key);
      if (seen && seen.hash !== hash) return { status: 409, body: { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' } };
      if (seen && !seen.answer) return { status: 409, body: { statusCode: 409, name: 'concurrent_idempotent_requests', message: 'Same idempotency key used while original request is still in progress.' } };
      if (seen?.answer) return seen.answer;
      idempotent.set(key, { hash });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      idempotent.delete(key ?? '');
      return { status: 400, body: { statusCode: 400, name: 'validation_error', message: 'Body is not JSON.' } };
    }
    const answer = req.url === '/emails' ? sendOne(payload as Record<string, unknown>, key) : await sendBatch(payload as Record<string, unknown>[], req, key);
    if (key) {
      // Only successes are remembered, as Resend does: a failed request may be retried.
      if (answer.status < 300) idempotent.set(key, { hash, answer });
      else idempotent.delete(key);
    }
    return answer;
  };

  const invalid = (email: Record<string, unknown>): string | undefined => {
    const to = Array.isArray(email.to) ? email.to : [email.to];
    if (!email.from || !email.subject) return 'Missing `from` or `subject` field.';
    if (!to.length || to.some((t) => typeof t !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(t))) return 'Invalid `to` field.';
    return undefined;
  };

  const sendOne = (email: Record<string, unknown>, key?: string): Answer => {
    const problem = invalid(email);
    if (problem) return { status: 422, body: { statusCode: 422, name: 'validation_error', message: problem } };
    return { status: 200, body: { id: deliver(email, key) } };
  };

  const sendBatch = async (emails: Record<string, unknown>[], req: http.IncomingMessage, key?: string): Promise<Answer> => {
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) {
      return { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'A batch holds 1 to 100 emails.' } };
    }
    const permissive = req.headers['x-batch-validation'] === 'permissive';
    const problems = emails.map(invalid);
    if (!permissive && problems.some(Boolean)) return { status: 422, body: { statusCode: 422, name: 'validation_error', message: problems.find(Boolean) } };
    const n = ++batchNumber;
    await fake.beforeDeliver?.(n);
    const data: { id: string }[] = [];
    const errors: { index: number; message: string }[] = [];
    emails.forEach((email, index) => (problems[index] ? errors.push({ index, message: problems[index]! }) : data.push({ id: deliver(email, key) })));
    await fake.afterDeliver?.(n);
    return { status: 200, body: permissive ? { data, errors } : { data } };
  };

  const server = http.createServer((req, res) => {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answer = await handle(req, raw);
      fake.requests.push({ path: req.url ?? '', at: arrived, status: answer.status, idempotencyKey: req.headers['idempotency-key'] as string | undefined, size: raw.length });
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
