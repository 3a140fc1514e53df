import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { subscribers } from '../../db/schema/subscribers.ts';
import { renderNewsletter } from '../../src/broadcasts/newsletter/render-newsletter.tsx';
import { sendBroadcast, type SendOptions } from '../../src/broadcasts/broadcast-send.ts';
import { createUnsubscribeFor } from '../../src/mail/email-links.ts';
import { countRecipients, freezeBroadcast, getBroadcast, type Broadcast } from '../../src/broadcasts/broadcasts.ts';
import { createResendBatchSender } from '../../src/mail/resend-batch.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeResendBatch, type FakeResendBatch } from '../support/fake-resend-batch.ts';
import { seedSubscribers } from '../support/seed-subscribers.ts';

const siteUrl = 'https://maya.example';
let t: TestDb;
let fake: FakeResendBatch;

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await fake?.close();
  t.cleanup();
});

async function freeze(batchSize = 100): Promise<Broadcast> {
  const rendered = await renderNewsletter({ contentDir: 'tests/fixtures/broadcast', name: 'spring-picks', siteUrl });
  if (!rendered.ok) throw new Error(rendered.message);
  const { subject, html, text } = rendered.value;
  return freezeBroadcast(t.db, { name: 'spring-picks', subject, from: 'Maya <maya@maya.example>', html, text, batchSize });
}

async function options(overrides: Partial<SendOptions> = {}): Promise<SendOptions> {
  return {
    sendBatch: createResendBatchSender(fake.apiKey, fake.url),
    unsubscribeFor: await createUnsubscribeFor(t.db, siteUrl),
    ratePerSecond: 50,
    ...overrides,
  };
}

/** How many times each address was mailed. */
function deliveryCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of fake.deliveries) for (const to of d.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe('sendBroadcast', () => {
  test('mails each confirmed, unsuppressed subscriber once, in batches of at most 100', async () => {
    fake = await startFakeResendBatch();
    const confirmed = await seedSubscribers(t.db, 250);
    await seedSubscribers(t.db, 5, 'pending', 1000);
    await seedSubscribers(t.db, 5, 'unsubscribed', 2000);
    await t.db.update(subscribers).set({ suppressedAt: new Date(), suppressionReason: 'bounce' }).where(eq(subscribers.email, confirmed[0]!));
    const broadcast = await freeze();
    expect(broadcast.recipientCount).toBe(249);

    const result = await sendBroadcast(t.db, broadcast, await options());
    expect(result).toMatchObject({ ok: true, progress: { total: 249, sent: 249, skipped: 0, failed: 0 } });
    const batches = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(batches.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(batches.map((r) => r.idempotencyKey)).size).toBe(3);
    const counts = deliveryCounts();
    expect([...counts.keys()].sort()).toEqual(confirmed.slice(1).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await getBroadcast(t.db, 'spring-picks'))?.status).toBe('sent');
  });

  test('gives every recipient their own unsubscribe link and RFC 8058 headers', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(t.db, 3);
    await sendBroadcast(t.db, await freeze(), await options());
    const urls = fake.deliveries.map((d) => {
      const url = /<(.+)>/.exec(d.headers['List-Unsubscribe']!)![1]!;
      expect(d.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(d.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`);
      expect(d.text).toContain(url);
      expect(d.html).not.toContain('{{unsubscribe_url}}');
      expect(d.subject).toBe('My 2 paddle picks this spring');
      return url;
    });
    expect(new Set(urls).size).toBe(3);
    expect(urls[0]).toMatch(/^https:\/\/maya\.example\/subscribe\/unsubscribe\?t=[\w.-]+$/);
  });

  test('paces API calls under the rate limit, so a limiter at that rate never says 429', async () => {
    fake = await startFakeResendBatch({ ratePerSecond: 10 });
    await seedSubscribers(t.db, 60);
    const real = createResendBatchSender(fake.apiKey, fake.url);
    const calls: number[] = [];
    const sendBatch: SendOptions['sendBatch'] = (emails, key) => {
      calls.push(performance.now());
      return real(emails, key);
    };
    await sendBroadcast(t.db, await freeze(10), await options({ ratePerSecond: 10, sendBatch }));
    expect(calls).toHaveLength(6);
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    // 10 per second = one call every 100 ms (timers may fire a millisecond early).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(98);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  test('waits as long as a 429 retry-after says, then delivers everything once', async () => {
    fake = await startFakeResendBatch({ ratePerSecond: 4 });
    await seedSubscribers(t.db, 120);
    // Asking for 20/s against a 4/s limit: Resend answers 429 once the burst is used up.
    const result = await sendBroadcast(t.db, await freeze(10), await options({ ratePerSecond: 20, maxInFlight: 1 }));
    expect(result.ok).toBe(true);
    const limited = fake.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      const next = fake.requests.find((q) => q.at > r.at);
      if (next) expect(next.at - r.at).toBeGreaterThanOrEqual(990); // retry-after: 1
    }
    expect(fake.deliveries).toHaveLength(120);
    expect(new Set(fake.deliveries.map((d) => d.to[0])).size).toBe(120);
  });

  test('retries a batch after a server error with the same idempotency key', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(t.db, 30);
    fake.failNext(2, 500);
    const result = await sendBroadcast(t.db, await freeze(10), await options({ maxInFlight: 1 }));
    expect(result.ok).toBe(true);
    const first = fake.requests.filter((r) => r.idempotencyKey === fake.requests[0]!.idempotencyKey);
    expect(first.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(fake.deliveries).toHaveLength(30);
  });

  test('stops resumably when Resend refuses the key, sending nothing twice on resume', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(t.db, 30);
    const broadcast = await freeze(10);
    const refused = await sendBroadcast(t.db, broadcast, await options({ sendBatch: createResendBatchSender('re_wrong', fake.url) }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('invalid_api_key') });
    expect(fake.deliveries).toHaveLength(0);
    expect(await sendBroadcast(t.db, broadcast, await options())).toMatchObject({ ok: true, progress: { sent: 30 } });
    expect(fake.deliveries).toHaveLength(30);
  });

  test('skips subscribers who unsubscribed or bounced after the send started', async () => {
    fake = await startFakeResendBatch();
    const emails = await seedSubscribers(t.db, 20);
    const broadcast = await freeze(10);
    await t.db.update(subscribers).set({ status: 'unsubscribed' }).where(eq(subscribers.email, emails[3]!));
    await t.db.update(subscribers).set({ suppressedAt: new Date(), suppressionReason: 'complaint' }).where(eq(subscribers.email, emails[15]!));
    const result = await sendBroadcast(t.db, broadcast, await options());
    expect(result).toMatchObject({ ok: true, progress: { sent: 18, skipped: 2 } });
    expect(fake.deliveries.map((d) => d.to[0])).not.toContain(emails[3]);
    expect(fake.deliveries.map((d) => d.to[0])).not.toContain(emails[15]);
  });

  test('records an address Resend refuses as failed and sends the rest of its batch', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(t.db, 5);
    await t.db.update(subscribers).set({ email: 'not-an-address' }).where(eq(subscribers.email, 'reader-2@example.com'));
    const broadcast = await freeze();
    const result = await sendBroadcast(t.db, broadcast, await options());
    expect(result).toMatchObject({ ok: true, progress: { sent: 4, failed: 1 } });
    expect(await countRecipients(t.db, broadcast.id)).toMatchObject({ sent: 4, failed: 1, queued: 0, sending: 0 });
  });

  test('sends nothing when started again after it finished', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(t.db, 15);
    const broadcast = await freeze(10);
    await sendBroadcast(t.db, broadcast, await options());
    await sendBroadcast(t.db, broadcast, await options());
    expect(fake.requests).toHaveLength(2);
    expect(fake.deliveries).toHaveLength(15);
  });
});
