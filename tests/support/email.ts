import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedEmail } from './fake-resend.ts';

/** Posts a URL-encoded form the way a browser does (with the Origin header Astro checks). */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: new URL(url).origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A signup form as the page renders it, opened long enough ago to pass the fill-time check. */
export function signupFields(email: string, extra: Record<string, string> = {}): Record<string, string> {
  return { email, first_name: '', website: '', rendered_at: String(Date.now() - 5_000), source: '/posts/test/', form: 'article-end', ...extra };
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

