import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedEmail } from './fake-resend.ts';
import type { Db } from '../../db/client.ts';
import { getSigningKey } from '../../src/mail/email-tokens.ts';
import { mintFormToken } from '../../src/subscribers/form-token.ts';

/** Posts a URL-encoded form the way a browser does (with the Origin header Astro checks). */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: new URL(url).origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A signup form as the page renders it (without its fill-time token: see `withFormToken`). */
export function signupFields(email: string, extra: Record<string, string> = {}): Record<string, string> {
  return { email, first_name: '', website: '', source: '/posts/test/', form: 'article-end', ...extra };
}

/** Adds a fill-time token signed with the server's key, issued `agoMs` ago, unless the fields carry one. */
export async function withFormToken(db: Db, fields: Record<string, string>, agoMs = 5_000): Promise<Record<string, string>> {
  return { form_token: mintFormToken(await getSigningKey(db), Date.now() - agoMs), ...fields };
}

/** The first link in an email's HTML whose path starts with `path`. */
export function linkIn(html: string, path: string): string {
  const match = new RegExp(`href="([^"]*${path.replace(/[/?]/g, '\\$&')}[^"]*)"`).exec(html);
  if (!match) throw new Error(`No ${path} link in the email`);
  return match[1]!.replace(/&amp;/g, '&');
}

/** The emails sent to one address, in order. */
export function mailTo(emails: ReceivedEmail[], address: string): ReceivedEmail[] {
  return emails.filter((e) => (Array.isArray(e.to) ? e.to : [e.to]).includes(address));
}

/** The HTML files in a server's local outbox, oldest first. */
export function readOutbox(dataDir: string): { name: string; html: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(dataDir, 'outbox')).filter((n) => n.endsWith('.html')).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ name, html: readFileSync(join(dataDir, 'outbox', name), 'utf8') }));
}

