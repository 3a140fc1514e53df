import { readText } from '../platform/http/body.ts';
import { BODY_LIMITS } from '../platform/http/limits.ts';
import { jsonError, jsonResponse } from '../platform/http/responses.ts';
import { sameSecret } from '../platform/secrets.ts';
import { cleanText } from '../platform/text.ts';
import type { Db } from '../../db/client.ts';
import { parseAmountCents, parseReportDate } from './amounts.ts';
import { statusFromWord } from './format.ts';
import type { NormalisedConversion } from './normalise.ts';
import { storeConversions } from './store.ts';

/** Names a network's postback template may use for each value (first one documented). */
const NAMES = {
  secret: ['secret'],
  clickId: ['click_id', 'clickid', 'subid', 'sub_id'],
  transactionId: ['transaction_id', 'txn_id', 'order_id'],
  amount: ['amount', 'commission', 'payout'],
  saleAmount: ['sale_amount'],
  status: ['status'],
  currency: ['currency'],
  network: ['network'],
  date: ['date'],
} as const;

type Params = Record<keyof typeof NAMES, string | undefined>;

/**
 * Answers `GET/POST /api/postback` for networks that call back on a sale. Off (404) without
 * a configured secret; 403 for a wrong secret (compared in constant time); 400 naming what is
 * wrong; otherwise stores the conversion idempotently by (network, transaction id) and
 * answers 200 JSON. Parameters come from the query string, a form body or a JSON body.
 */
export async function handlePostback(db: Db, secret: string | undefined, request: Request, now = new Date()): Promise<Response> {
  if (!secret) return jsonError(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'POST') return jsonError(405, 'Use GET or POST', {}, { allow: 'GET, POST' });
  const params = await readParams(request);
  if (params === 'too large') return jsonError(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KB: a postback is a few fields.`);
  if (params === null) return jsonError(400, 'The body is not valid JSON or form data');
  const given = params.secret ?? request.headers.get('x-perch-secret') ?? '';
  if (!sameSecret(given, secret)) return jsonError(403, 'Wrong or missing secret');
  const parsed = toConversion(params, now);
  if (typeof parsed === 'string') return jsonError(400, parsed);
  const counts = await storeConversions(db, [parsed], now);
  const result = counts.imported ? 'recorded' : counts.updated ? 'updated' : 'unchanged';
  return jsonResponse(200, { ok: true, result, attributed: counts.attributed === 1, transactionId: parsed.transactionId });
}

/** A postback is a handful of fields; anything larger is not one. */
const MAX_BODY_BYTES = BODY_LIMITS['/api/postback'];
/** A network's status word ("APPROVED", "locked"…), kept as sent but never longer than this. */
const MAX_STATUS_CHARS = 64;

async function readParams(request: Request): Promise<Params | null | 'too large'> {
  const values = new Map<string, string>(new URL(request.url).searchParams);
  if (request.method === 'POST') {
    const type = request.headers.get('content-type') ?? '';
    const body = await readText(request, MAX_BODY_BYTES);
    if (!body.ok) return 'too large';
    const text = body.value;
    if (type.includes('application/json')) {
      let body: unknown;
      try {
        body = JSON.parse(text || '{}');
      } catch {
        return null;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
      for (const [k, v] of Object.entries(body)) if (v !== null && typeof v !== 'object') values.set(k, String(v));
    } else if (text) {
      for (const [k, v] of new URLSearchParams(text)) values.set(k, v);
    }
  }
  const lower = new Map([...values].map(([k, v]) => [k.toLowerCase(), v.trim()]));
  return Object.fromEntries(
    Object.entries(NAMES).map(([field, names]) => [field, names.map((n) => lower.get(n)).find((v) => v !== undefined)]),
  ) as Params;
}

function toConversion(p: Params, now: Date): NormalisedConversion | string {
  const problems: string[] = [];
  if (!p.transactionId) problems.push('transaction_id is missing');
  else if (p.transactionId.length > 200) problems.push('transaction_id is longer than 200 characters');
  else if (/[\u0000-\u001f\u007f]/.test(p.transactionId)) problems.push('transaction_id contains a line break or another control character');
  const commission = parseAmountCents(p.amount);
  if (!p.amount) problems.push('amount (the commission) is missing');
  else if (commission === null) problems.push(`amount "${p.amount}" is not an amount like 12.34`);
  const sale = p.saleAmount ? parseAmountCents(p.saleAmount) : null;
  if (p.saleAmount && sale === null) problems.push(`sale_amount "${p.saleAmount}" is not an amount like 99.00`);
  if (p.clickId && !/^[A-Za-z0-9_-]{1,100}$/.test(p.clickId)) problems.push('click_id must be letters and digits (the sub-ID Perch sent)');
  const network = (p.network || 'postback').toLowerCase();
  if (!/^[a-z0-9-]{1,32}$/.test(network)) problems.push('network must be a short lowercase name, e.g. impact');
  const currency = (p.currency || 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push('currency must be a 3-letter code, e.g. USD');
  const date = p.date ? parseReportDate(p.date) : now;
  if (!date) problems.push(`date "${p.date}" is not a date like 2026-03-14`);
  if (problems.length > 0 || commission === null || !date) return `Cannot record this postback: ${problems.join('; ')}.`;
  return {
    network,
    transactionId: p.transactionId!,
    subId: p.clickId || null,
    occurredAt: date,
    saleAmountCents: sale,
    commissionCents: commission,
    currency,
    status: statusFromWord(p.status, commission),
    rawStatus: cleanText(p.status, MAX_STATUS_CHARS),
    dateDefaulted: !p.date,
  };
}

