import type { QueuedEmail } from '../../db/schema/email.ts';

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

function base64Lines(text: string): string {
  return Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');
}

/**
 * A queued email as an RFC 5322 message (multipart/alternative: text and HTML parts), the
 * format mail apps open directly. Only used for the local outbox, never sent.
 */
export function formatEml(mail: QueuedEmail): string {
  const boundary = `perch-${mail.id}-${mail.idempotencyKey.replace(/[^a-z0-9]/gi, '').slice(0, 16)}`;
  const extra = Object.entries(JSON.parse(mail.headers) as Record<string, string>).map(([k, v]) => `${k}: ${v}`);
  return [
    `From: ${encodeHeader(mail.fromAddress)}`,
    `To: ${mail.toAddress}`,
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${mail.createdAt.toUTCString()}`,
    `Message-ID: <${mail.idempotencyKey}@perch.local>`,
    ...extra,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(mail.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(mail.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
