import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emailQueue } from '../../db/schema/email.ts';
import { enqueueEmail, processDueEmails, retryDelay } from '../../src/mail/mail-queue.ts';
import { createOutboxTransport, createResendTransport } from '../../src/mail/mail-transports.ts';
import { startMailWorker } from '../../src/mail/mail-worker.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';

const mail = (to = 'maya@example.com') => ({
  kind: 'confirmation',
  subscriberId: 1,
  to,
  from: '"Maya" <maya@example.com>',
  subject: 'Confirm',
  html: '<p>Hi</p>',
  text: 'Hi',
  headers: { 'List-Unsubscribe': '<https://x.example/u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
});

describe('the durable mail queue with Resend', () => {
  let t: TestDb;
  let resend: FakeResend;
  beforeEach(async () => {
    t = await createTestDb();
    resend = await startFakeResend();
  });
  afterEach(async () => {
    t.cleanup();
    await resend.close();
  });
  const transport = () => createResendTransport(resend.apiKey, resend.url);

  test('sends once with the idempotency key, the headers and both parts', async () => {
    const id = await enqueueEmail(t.db, mail());
    expect(await processDueEmails(t.db, transport())).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.emails).toHaveLength(1);
    expect(resend.emails[0]).toMatchObject({ to: 'maya@example.com', subject: 'Confirm', html: '<p>Hi</p>', text: 'Hi', headers: mail().headers });
    const [row] = await t.db.select().from(emailQueue).where(eq(emailQueue.id, id));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerId: resend.emails[0]!.id });
    expect(resend.requests[0]!.headers['idempotency-key']).toBe(row!.idempotencyKey);
    expect(await processDueEmails(t.db, transport())).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  test('a 500 keeps the mail queued and retries it after the backoff; delivered once', async () => {
    resend.failNext(1, { status: 500 });
    const now = Date.now();
    await enqueueEmail(t.db, mail(), now);
    expect(await processDueEmails(t.db, transport(), { now, baseDelayMs: 60_000 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    // Not due yet: nothing is sent before the backoff has passed.
    expect(await processDueEmails(t.db, transport(), { now: now + 1_000 })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await processDueEmails(t.db, transport(), { now: now + 80_000 })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.emails).toHaveLength(1);
    const [row] = await t.db.select().from(emailQueue);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('a 429 is retried after its retry-after, not before', async () => {
    resend.failNext(1, { status: 429, retryAfter: 30 });
    const now = Date.now();
    await enqueueEmail(t.db, mail(), now);
    await processDueEmails(t.db, transport(), { now });
    const [row] = await t.db.select().from(emailQueue);
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toMatch(/429/);
    expect(row!.nextAttemptAt.getTime() - now).toBeGreaterThanOrEqual(30_000);
    expect(row!.nextAttemptAt.getTime() - now).toBeLessThan(40_000);
  });

  test('a sender that died mid-send is retried after its claim lapses, and Resend delivers once', async () => {
    const now = Date.now();
    await enqueueEmail(t.db, mail(), now);
    // A worker sends, but dies before it records the outcome: simulate by sending and
    // then putting the row back in the claimed state.
    await processDueEmails(t.db, transport(), { now });
    await t.db.update(emailQueue).set({ status: 'sending', nextAttemptAt: new Date(now + 60_000) });
    expect(await processDueEmails(t.db, transport(), { now: now + 30_000 })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await processDueEmails(t.db, transport(), { now: now + 61_000 })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.requests.filter((r) => r.path === '/emails')).toHaveLength(2);
    expect(resend.emails).toHaveLength(1);
  });

  test('gives up after the last attempt and keeps the row as failed', async () => {
    resend.failNext(3, { status: 500 });
    const now = Date.now();
    await enqueueEmail(t.db, mail(), now);
    for (let i = 0; i < 3; i++) await processDueEmails(t.db, transport(), { now: now + i * 10 * 60_000, maxAttempts: 3 });
    const [row] = await t.db.select().from(emailQueue);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(resend.emails).toHaveLength(0);
  });

  test('the worker drains the queue on wake and honours a short retry-after', async () => {
    resend.failNext(1, { status: 429, retryAfter: 0.2 });
    const worker = startMailWorker(t.db, transport(), { pollMs: 50 });
    try {
      await enqueueEmail(t.db, mail('a@example.com'));
      await enqueueEmail(t.db, mail('b@example.com'));
      worker.wake();
      await resend.waitForEmails(2);
    } finally {
      await worker.stop();
    }
    expect(resend.emails.map((e) => e.to).sort()).toEqual(['a@example.com', 'b@example.com']);
  });

  test('enqueueing twice with one idempotency key queues one mail', async () => {
    const a = await enqueueEmail(t.db, { ...mail(), idempotencyKey: 'welcome-1' });
    const b = await enqueueEmail(t.db, { ...mail(), idempotencyKey: 'welcome-1' });
    expect(a).toBe(b);
    expect(await t.db.select().from(emailQueue)).toHaveLength(1);
  });
});

describe('the local outbox', () => {
  test('writes an .eml and an .html file per email, and a retry overwrites them', async () => {
    const t = await createTestDb();
    const dir = mkdtempSync(join(tmpdir(), 'perch-outbox-'));
    try {
      await enqueueEmail(t.db, { ...mail(), subject: 'Confirm your subscription to Maya’s list' });
      const outbox = createOutboxTransport(dir);
      expect((await processDueEmails(t.db, outbox)).sent).toBe(1);
      const [row] = await t.db.select().from(emailQueue);
      await outbox.send(row!);
      const files = readdirSync(join(dir, 'outbox')).sort();
      expect(files).toHaveLength(2);
      expect(files[0]).toMatch(/-000001-confirmation\.eml$/);
      const eml = readFileSync(join(dir, 'outbox', files[0]!), 'utf8');
      expect(eml).toContain('To: maya@example.com\r\n');
      expect(eml).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
      expect(eml).toMatch(/Subject: =\?UTF-8\?B\?/);
      expect(readFileSync(join(dir, 'outbox', files[1]!), 'utf8')).toBe('<p>Hi</p>');
    } finally {
      t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retry timing', () => {
  test('backs off exponentially up to the cap', () => {
    expect(retryDelay(1, undefined, 1000, 60_000)).toBeLessThan(1300);
    expect(retryDelay(4, undefined, 1000, 60_000)).toBeGreaterThanOrEqual(8000);
    expect(retryDelay(20, undefined, 1000, 60_000)).toBe(60_000);
  });
});
