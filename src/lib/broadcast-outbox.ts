/**
 * The local outbox used when no RESEND_API_KEY is set: each message becomes an .eml file
 * (opens in any mail app) and an .html file (opens in a browser) under <data dir>/outbox/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutgoingEmail } from './resend-batch.ts';

/** Writes one message; returns the paths of the .eml and .html files. */
export function writeToOutbox(dataDir: string, label: string, email: OutgoingEmail, now = new Date()): { eml: string; html: string } {
  const folder = join(dataDir, 'outbox');
  mkdirSync(folder, { recursive: true });
  const base = join(folder, `${now.toISOString().replace(/[:.]/g, '-')}-${label.replace(/[^a-z0-9-]+/gi, '_')}`);
  writeFileSync(`${base}.html`, email.html);
  writeFileSync(`${base}.eml`, toEml(email, now));
  return { eml: `${base}.eml`, html: `${base}.html` };
}

/** A minimal MIME message: multipart/alternative with base64 text and HTML parts. */
export function toEml(email: OutgoingEmail, now = new Date()): string {
  const boundary = `perch-${now.getTime().toString(36)}`;
  const encodeHeader = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`);
  const base64 = (body: string) => Buffer.from(body).toString('base64').replace(/.{76}/g, '$&\r\n');
  const headers = [
    `From: ${encodeHeader(email.from)}`,
    `To: ${email.to}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${now.toUTCString()}`,
    'MIME-Version: 1.0',
    ...Object.entries(email.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64(body)].join('\r\n');
  return [...headers, '', part('text/plain', email.text), part('text/html', email.html), `--${boundary}--`, ''].join('\r\n');
}
