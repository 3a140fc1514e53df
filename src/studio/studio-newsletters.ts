// Studio → Emails: the newsletters in content/emails/ with where each stands, and the local outbox.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { listNewsletters } from '../broadcasts/newsletter-content.ts';
import { newsletterStatus, type NewsletterStatus } from '../broadcasts/run-broadcast.ts';

export function listNewsletterStatuses(db: Db, contentDir: string): Promise<NewsletterStatus[]> {
  return Promise.all(listNewsletters(contentDir).map((name) => newsletterStatus(db, name)));
}

/** The status as the progress poller reads it. */
export function statusJson(status: NewsletterStatus, problem: string | undefined) {
  const c = status.counts;
  return {
    state: status.state,
    running: status.running,
    total: status.recipientCount,
    sent: c?.sent ?? 0,
    waiting: c ? c.queued + c.sending : 0,
    skipped: c?.skipped ?? 0,
    failed: c?.failed ?? 0,
    completedAt: status.completedAt?.toISOString() ?? null,
    problem: problem ?? null,
  };
}

const OUTBOX_FILE = /^[A-Za-z0-9_-]+\.html$/;

/** The outbox's .html files, newest first (their names start with the time they were written). */
export async function listOutbox(dataDir: string): Promise<string[]> {
  const files = await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]);
  return files.filter((f) => OUTBOX_FILE.test(f)).sort().reverse();
}

/** One outbox message's HTML, or undefined for a name that is not an outbox file. */
export async function readOutboxFile(dataDir: string, file: string): Promise<string | undefined> {
  if (!OUTBOX_FILE.test(file)) return undefined;
  return readFile(join(dataDir, 'outbox', file), 'utf8').catch(() => undefined);
}
