// `preview` and `test`: look at a newsletter before the list does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { createResendClient } from '../mail/resend-client.ts';
import { formatFrom } from '../mail/sender.ts';
import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { renderNewsletter, UNSUBSCRIBE_PLACEHOLDER, type RenderedNewsletter } from '../broadcasts/newsletter/render-newsletter.tsx';
import { writeToOutbox } from '../mail/outbox.ts';
import { createUnsubscribeFor } from '../mail/email-links.ts';
import type { OutgoingEmail } from '../mail/outgoing-email.ts';
import type { CliContext } from './email-cli-context.ts';

/** Renders the newsletter or prints why it cannot be rendered. */
export async function renderOrExplain(ctx: CliContext, name: string): Promise<RenderedNewsletter | undefined> {
  const rendered = await renderNewsletter({ contentDir: ctx.contentDir, name, siteUrl: ctx.settings.siteUrl });
  if (rendered.ok) return rendered.value;
  console.error(rendered.message);
  return undefined;
}

/** EMAIL_FROM with the profile's sender name when it has none ("Maya <maya@x>"). */
export function senderFor(ctx: CliContext, senderName: string): string | undefined {
  return ctx.settings.emailFrom ? formatFrom(senderName, ctx.settings.emailFrom) : undefined;
}

export async function runPreview(ctx: CliContext, name: string): Promise<number> {
  const email = await renderOrExplain(ctx, name);
  if (!email) return 1;
  const folder = resolve(ctx.dataDir, 'preview');
  mkdirSync(folder, { recursive: true });
  const html = join(folder, `${name}.html`);
  const text = join(folder, `${name}.txt`);
  writeFileSync(html, email.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, '#unsubscribe-link-goes-here'));
  writeFileSync(text, `Subject: ${email.subject}\n\n${email.text}`);
  console.log(`Subject: ${email.subject}\nHTML:    ${html}\nText:    ${text}`);
  return 0;
}

/** A banner at the top of a test copy, so it is never mistaken for the real send. */
function markAsTest(html: string, note: string): string {
  const safe = note.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return html.replace(/<body([^>]*)>/, `<body$1><p data-test-copy style="margin:0;padding:8px 12px;background:#fef3c7;color:#78350f;font:13px/18px Helvetica,Arial,sans-serif">${safe}</p>`);
}

const ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

export async function runTest(ctx: CliContext, db: Db, name: string): Promise<number> {
  const to = ctx.options.to?.trim();
  if (!to || !ADDRESS.test(to)) {
    console.error(`Give the address to send the test to: npm run email -- test ${name} --to you@example.com${to ? ` ("${to}" is not an email address)` : ''}`);
    return 2;
  }
  const email = await renderOrExplain(ctx, name);
  if (!email) return 1;
  // Exactly what a subscriber gets, headers included. A subscriber testing on their own
  // address gets their real link; anyone else a signed link for subscriber id 0 (no row has
  // it), which opens the real page and answers "not on the list".
  const [subscriber] = await db.select().from(subscribers).where(eq(subscribers.email, to));
  const link = (await createUnsubscribeFor(db, ctx.settings.siteUrl))(subscriber ?? { id: 0, email: to });
  const note = `Test copy for ${to}: followers get exactly this email. ${subscriber ? 'The unsubscribe link at the bottom is your real one: it unsubscribes you.' : 'The unsubscribe link at the bottom works; this address is not on the list, so it only says so.'}`;
  const message: OutgoingEmail = {
    from: formatFrom(email.senderName, ctx.settings.emailFrom, `newsletter@${new URL(ctx.settings.siteUrl).hostname}`),
    to,
    subject: `[Test] ${email.subject}`,
    html: markAsTest(email.html, note).replaceAll(UNSUBSCRIBE_PLACEHOLDER, link.url.replaceAll('&', '&amp;')),
    text: `[${note}]\n\n${email.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link.url)}`,
    headers: link.headers,
  };
  if (!ctx.settings.resendApiKey) {
    const files = await writeToOutbox(ctx.dataDir, `${name}-test`, { ...message, date: new Date() });
    console.log(`No RESEND_API_KEY set, so the test went to the local outbox:\n  ${resolve(files.eml)}\n  ${resolve(files.html)}`);
    return 0;
  }
  if (!ctx.settings.emailFrom) {
    console.error('Set EMAIL_FROM to a sender address on a domain verified in Resend, e.g. EMAIL_FROM="maya@kitchenline.example".');
    return 1;
  }
  const resend = createResendClient(ctx.settings.resendApiKey, ctx.settings.resendBaseUrl);
  const { data, error } = await resend.emails.send({ ...message, to: [to] });
  if (error) {
    console.error(`Resend refused the test email: ${error.message}`);
    return 1;
  }
  console.log(`Test email sent to ${to} (Resend id ${data.id}).`);
  return 0;
}
