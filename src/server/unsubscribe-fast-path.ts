import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../db/client.ts';
import { getSigningKey } from '../mail/email-tokens.ts';
import { readForm } from '../platform/http/body.ts';
import { BODY_LIMITS } from '../platform/http/limits.ts';
import { answerUnsubscribePost } from '../subscribers/unsubscribe.ts';

const PATH = '/subscribe/unsubscribe';

/**
 * Answers POSTs to the unsubscribe link before Astro sees them. Mail apps send RFC 8058
 * one-click posts server to server, without an Origin header, and Astro's checkOrigin would
 * refuse them with 403; the signed token is what authorises the request here. Returns
 * false for every other request, which then goes to Astro.
 */
export async function handleUnsubscribePost(req: IncomingMessage, res: ServerResponse, db: Db): Promise<boolean> {
  if (req.method !== 'POST') return false;
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname !== PATH && url.pathname !== `${PATH}/`) return false;
  const parsed = await readForm(req, BODY_LIMITS['/subscribe/unsubscribe']);
  if (!parsed.ok) {
    res.writeHead(parsed.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(parsed.message);
    return true;
  }
  const answer = await answerUnsubscribePost(db, await getSigningKey(db), url.searchParams.get('t'), parsed.value);
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' };
  if (answer.location) headers.location = answer.location;
  res.writeHead(answer.status, headers);
  res.end(answer.text ?? '');
  return true;
}
