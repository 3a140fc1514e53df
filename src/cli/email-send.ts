// `send`, `resume` and `status`: the list send, exactly once, resumable at any point.
import { createInterface } from 'node:readline/promises';
import type { Db } from '../../db/client.ts';
import { countEligibleSubscribers, countRecipients, getBroadcast, type Broadcast } from '../broadcasts/broadcasts.ts';
import { listNewsletters } from '../broadcasts/newsletter-content.ts';
import { deliverBroadcast, freezeNewsletter, NEEDS_FROM, NEEDS_KEY } from '../broadcasts/run-broadcast.ts';
import type { CliContext } from './email-cli-context.ts';
import { renderOrExplain } from './email-preview.ts';
import { createProgressReporter, formatDuration } from './progress-bar.ts';

const n = (x: number) => x.toLocaleString('en-US');

function checkCanSend(ctx: CliContext): boolean {
  if (!ctx.settings.resendApiKey) {
    console.error(
      `${NEEDS_KEY}\n` +
        'Without a key you can still look at it: `npm run email -- preview <name>`, or `test <name> --to you@example.com` (goes to the local outbox).',
    );
    return false;
  }
  if (!ctx.settings.emailFrom) {
    console.error(NEEDS_FROM);
    return false;
  }
  return true;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

export async function runSend(ctx: CliContext, db: Db, name: string): Promise<number> {
  if (!checkCanSend(ctx)) return 1;
  const existing = await getBroadcast(db, name);
  if (existing?.status === 'sent') {
    console.log(`"${name}" already went out on ${existing.completedAt?.toISOString()} to ${n(existing.recipientCount)} subscribers. Nothing to do.`);
    return 0;
  }
  if (existing) return deliver(ctx, db, existing, 'Continuing the interrupted send of');
  const email = await renderOrExplain(ctx, name);
  if (!email) return 1;
  const count = await countEligibleSubscribers(db);
  if (count === 0) {
    console.error('Your list has no confirmed subscribers yet, so there is nobody to send to.');
    return 1;
  }
  const question = `Send "${email.subject}" to ${n(count)} confirmed subscriber${count === 1 ? '' : 's'}? [y/N] `;
  if (!ctx.options.yes) {
    if (!process.stdin.isTTY) {
      console.error(`${question.trim()}\nNot a terminal, so nobody can answer: add --yes to send from a script.`);
      return 1;
    }
    if (!(await confirm(question))) {
      console.log('Not sent.');
      return 1;
    }
  }
  const broadcast = await freezeNewsletter(db, ctx.settings, name, email, ctx.options.batchSize);
  return deliver(ctx, db, broadcast, 'Sending');
}

export async function runResume(ctx: CliContext, db: Db, name: string): Promise<number> {
  if (!checkCanSend(ctx)) return 1;
  const broadcast = await getBroadcast(db, name);
  if (!broadcast) {
    console.error(`"${name}" has not been sent yet, so there is nothing to resume. Start it with: npm run email -- send ${name}`);
    return 1;
  }
  if (broadcast.status === 'sent') {
    console.log(`"${name}" is complete: it went to ${n(broadcast.recipientCount)} subscribers. Nothing to resume.`);
    return 0;
  }
  return deliver(ctx, db, broadcast, 'Resuming');
}

async function deliver(ctx: CliContext, db: Db, broadcast: Broadcast, verb: string): Promise<number> {
  const counts = await countRecipients(db, broadcast.id);
  const left = counts.queued + counts.sending;
  console.log(`${verb} "${broadcast.subject}": ${n(left)} of ${n(broadcast.recipientCount)} recipients left, ${ctx.options.rate} API calls/s.`);
  const started = Date.now();
  const reporter = createProgressReporter();
  const result = await deliverBroadcast(db, ctx.settings, broadcast, { ratePerSecond: ctx.options.rate, onProgress: reporter.update });
  if (!result.progress) {
    console.error(result.message);
    return 1;
  }
  reporter.end();
  const { sent, skipped, failed } = result.progress;
  console.log(
    `${n(sent)} sent, ${n(skipped)} skipped (left or suppressed since the send started), ${n(failed)} refused by Resend, in ${formatDuration(Date.now() - started)}.`,
  );
  if (!result.ok) {
    console.error(`${result.message}\nStatus: npm run email -- status ${broadcast.name}`);
    return 1;
  }
  return 0;
}

export async function runStatus(ctx: CliContext, db: Db, name: string): Promise<number> {
  const broadcast = await getBroadcast(db, name);
  if (!broadcast) {
    const names = listNewsletters(ctx.contentDir);
    if (!names.includes(name)) {
      console.error(`No newsletter named "${name}". Available: ${names.join(', ') || '(none yet)'}`);
      return 1;
    }
    console.log(`"${name}" has not been sent. ${n(await countEligibleSubscribers(db))} confirmed subscribers would get it now.`);
    return 0;
  }
  const c = await countRecipients(db, broadcast.id);
  const state = broadcast.status === 'sent' ? `sent, finished ${broadcast.completedAt?.toISOString()}` : 'interrupted or still running: `resume` continues it';
  console.log(
    [
      `"${broadcast.name}" — ${broadcast.subject}`,
      `Started ${broadcast.createdAt.toISOString()}, ${state}.`,
      `Recipients: ${n(broadcast.recipientCount)} · sent ${n(c.sent)} · waiting ${n(c.queued + c.sending)} · skipped ${n(c.skipped)} · refused ${n(c.failed)}`,
      `Clicks from it are counted under source "email:${broadcast.name}" on /stats.`,
    ].join('\n'),
  );
  return 0;
}
