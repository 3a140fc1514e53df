import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emailQueue } from '../../db/schema/email.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { enqueueEmail } from '../../src/mail/mail-queue.ts';
import { confirmSubscriber, deleteSubscriber, registerSignup, resubscribeSubscriber, RESEND_WINDOW_MS, unsubscribeSubscriber } from '../../src/subscribers/subscribers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { broadcastRecipients, broadcasts } from '../../db/schema/broadcasts.ts';
import { createSharedRateLimiter } from '../../src/platform/rate-limit.ts';
import { addressLimitKey, clientLimitKey, SIGNUP_LIMITS } from '../../src/subscribers/signup-limits.ts';

const signup = { email: 'maya@example.com', firstName: 'Maya', source: 'form:/posts/x/#article-end' };

describe('subscribers', () => {
  let t: TestDb;
  beforeEach(async () => (t = await createTestDb()));
  afterEach(() => t.cleanup());

  const queueConfirmation = (id: number, at: number) =>
    enqueueEmail(t.db, { kind: 'confirmation', subscriberId: id, to: signup.email, from: 'x@example.com', subject: 's', html: 'h', text: 't' }, at);

  test('a new address is stored as pending with its source, and asks for a confirmation', async () => {
    const { subscriber, sendConfirmation } = await registerSignup(t.db, signup, 1000);
    expect(sendConfirmation).toBe(true);
    expect(subscriber).toMatchObject({ email: signup.email, status: 'pending', source: signup.source, firstName: 'Maya' });
  });

  test('a second signup within the window sends nothing; after it, one more confirmation', async () => {
    const now = Date.now();
    const first = await registerSignup(t.db, signup, now);
    await queueConfirmation(first.subscriber.id, now);
    expect((await registerSignup(t.db, signup, now + 60_000)).sendConfirmation).toBe(false);
    expect((await registerSignup(t.db, signup, now + RESEND_WINDOW_MS + 1)).sendConfirmation).toBe(true);
    expect(await t.db.select().from(subscribers)).toHaveLength(1);
  });

  test('a confirmed address is left alone, its name not overwritten', async () => {
    const { subscriber } = await registerSignup(t.db, signup);
    await confirmSubscriber(t.db, subscriber.id);
    const again = await registerSignup(t.db, { ...signup, firstName: 'Mallory' });
    expect(again).toMatchObject({ sendConfirmation: false, subscriber: { status: 'confirmed', firstName: 'Maya' } });
  });

  test('an unsubscribed address signing up again must confirm again', async () => {
    const { subscriber } = await registerSignup(t.db, signup);
    await confirmSubscriber(t.db, subscriber.id);
    await unsubscribeSubscriber(t.db, subscriber.id);
    const again = await registerSignup(t.db, signup);
    expect(again).toMatchObject({ sendConfirmation: true, subscriber: { status: 'pending' } });
  });

  test('confirming changes the row once; unsubscribe and resubscribe are idempotent', async () => {
    const { subscriber } = await registerSignup(t.db, signup);
    expect((await confirmSubscriber(t.db, subscriber.id)).changed).toBe(true);
    expect((await confirmSubscriber(t.db, subscriber.id)).changed).toBe(false);
    expect((await unsubscribeSubscriber(t.db, subscriber.id))!.status).toBe('unsubscribed');
    expect((await unsubscribeSubscriber(t.db, subscriber.id))!.status).toBe('unsubscribed');
    const back = await resubscribeSubscriber(t.db, subscriber.id);
    expect(back).toMatchObject({ status: 'confirmed', unsubscribedAt: null });
  });

  test('deleting erases the row, every email to the address and its broadcast send-log lines', async () => {
    const { subscriber } = await registerSignup(t.db, signup);
    await queueConfirmation(subscriber.id, Date.now());
    const [broadcast] = await t.db
      .insert(broadcasts)
      .values({ name: 'n', subject: 's', from: 'f', html: 'h', text: 't', status: 'sent', recipientCount: 1, batchSize: 100, createdAt: new Date() })
      .returning();
    await t.db.insert(broadcastRecipients).values({ broadcastId: broadcast!.id, subscriberId: subscriber.id, email: signup.email, batch: 1, status: 'sent' });
    await registerSignup(t.db, { ...signup, email: 'other@example.com' });
    // Their signup-limit counts, as the signup form keeps them (per address and per client).
    const perAddress = createSharedRateLimiter(t.db, SIGNUP_LIMITS.perAddress);
    await perAddress.hit(addressLimitKey(signup.email));
    await perAddress.hit(addressLimitKey('other@example.com'));
    await createSharedRateLimiter(t.db, SIGNUP_LIMITS.perClient).hit(clientLimitKey('203.0.113.7'));
    const limitRows = () => t.db.$client.execute('select key from rate_limits order by key').then((r) => r.rows.map((row) => String(row.key)));
    const before = await limitRows();
    expect(await deleteSubscriber(t.db, 'MAYA@example.com')).toBe(1);
    expect((await t.db.select().from(subscribers)).map((s) => s.email)).toEqual(['other@example.com']);
    expect(await t.db.select().from(emailQueue)).toHaveLength(0);
    expect(await t.db.select().from(broadcastRecipients)).toHaveLength(0);
    // The address's count is gone; the other address's and the client's stay.
    const after = await limitRows();
    expect(before).toHaveLength(3);
    expect(after).toHaveLength(2);
    expect(before.filter((key) => !after.includes(key))).toEqual([expect.stringMatching(/^signup-address:/)]);
    expect(await perAddress.hit(addressLimitKey('other@example.com'))).toBe(0);
    expect(await t.db.$client.execute('select count from rate_limits where key like ?', ['signup-address:%']).then((r) => r.rows[0]!.count)).toBe(2);
    expect(await deleteSubscriber(t.db, signup.email)).toBe(0);
  });
});
