/**
 * The local outbox used when no RESEND_API_KEY is set: each message becomes an .eml file
 * (opens in any mail app) and an .html file (opens in a browser) under <data dir>/outbox/.
 * Signup mail (the queue's outbox transport) and broadcast tests both write here.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { OutgoingEmail } from './outgoing-email.ts';

export interface OutboxMessage extends OutgoingEmail {
  date: Date;
  messageId?: string;
}

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

function base64Lines(text: string): string {
  return Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');
}

/** An RFC 5322 message, multipart/alternative with text and HTML parts. Never sent. */
export function formatEml(mail: OutboxMessage): string {
  const boundary = `perch-${mail.date.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  return [
    `From: ${encodeHeader(mail.from)}`,
    `To: ${mail.to}`,
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${mail.date.toUTCString()}`,
    ...(mail.messageId ? [`Message-ID: <${mail.messageId}@perch.local>`] : []),
    ...Object.entries(mail.headers).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    part('text/plain', mail.text),
    part('text/html', mail.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * Writes one message as <stamp>-<label>.html, then .eml; returns both paths. Each file
 * appears whole (written under a .tmp name, then renamed), and the .eml last, so whoever
 * sees an .eml (a mail app, a test) finds both files complete.
 */
export async function writeToOutbox(dataDir: string, label: string, mail: OutboxMessage): Promise<{ eml: string; html: string }> {
  const folder = join(dataDir, 'outbox');
  await mkdir(folder, { recursive: true });
  const base = join(folder, `${mail.date.toISOString().replace(/[:.]/g, '-')}-${label.replace(/[^a-z0-9-]+/gi, '_')}`);
  await writeWhole(`${base}.html`, mail.html);
  await writeWhole(`${base}.eml`, formatEml(mail));
  return { eml: `${base}.eml`, html: `${base}.html` };
}

async function writeWhole(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/**
 * Deletes every outbox message to or about `email` (GDPR erasure): a message whose .eml or
 * .html names the address goes with both of its files. Returns how many messages went.
 */
export async function eraseFromOutbox(dataDir: string, email: string): Promise<number> {
  const folder = join(dataDir, 'outbox');
  const names = await readdir(folder).catch(() => [] as string[]);
  const needle = email.toLowerCase();
  const bases = new Set<string>();
  for (const name of names) {
    const text = await readFile(join(folder, name), 'utf8').catch(() => '');
    if (text.toLowerCase().includes(needle)) bases.add(name.replace(/\.(eml|html)(\.tmp)?$/, ''));
  }
  // A .tmp file is one a stop interrupted before its rename: it goes too.
  for (const base of bases) {
    for (const ext of ['.eml', '.html', '.eml.tmp', '.html.tmp']) await rm(join(folder, base + ext), { force: true });
  }
  return bases.size;
}
