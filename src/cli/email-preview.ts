// `preview` and `test`: look at a newsletter before the list does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../db/client.ts';
import { UNSUBSCRIBE_PLACEHOLDER, type RenderedNewsletter } from '../broadcasts/newsletter/render-newsletter.tsx';
import { ADDRESS, renderForSend, sendTestEmail } from '../broadcasts/run-broadcast.ts';
import type { CliContext } from './email-cli-context.ts';

/** Renders the newsletter or prints why it cannot be rendered. */
export async function renderOrExplain(ctx: CliContext, name: string): Promise<RenderedNewsletter | undefined> {
  const rendered = await renderForSend(ctx.settings, ctx.contentDir, name);
  if (rendered.ok) return rendered.value;
  console.error(rendered.message);
  return undefined;
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

export async function runTest(ctx: CliContext, db: Db, name: string): Promise<number> {
  const to = ctx.options.to?.trim();
  if (!to || !ADDRESS.test(to)) {
    console.error(`Give the address to send the test to: npm run email -- test ${name} --to you@example.com${to ? ` ("${to}" is not an email address)` : ''}`);
    return 2;
  }
  const email = await renderOrExplain(ctx, name);
  if (!email) return 1;
  const result = await sendTestEmail(db, ctx.settings, ctx.dataDir, name, email, to);
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  if (result.outbox) console.log(`No RESEND_API_KEY set, so the test went to the local outbox:\n  ${resolve(result.outbox.eml)}\n  ${resolve(result.outbox.html)}`);
  else console.log(`Test email sent to ${to} (Resend id ${result.resendId}).`);
  return 0;
}
