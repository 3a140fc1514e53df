import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadcasts } from '../../db/schema/broadcasts.ts';
import { deliverBroadcast, newsletterStatus, renderForSend, sendProblem, startOrJoin, type SendSettings } from '../../src/broadcasts/run-broadcast.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeResendBatch, type FakeResendBatch } from '../support/fake-resend-batch.ts';
import { seedSubscribers } from '../support/seed-subscribers.ts';

const CONTENT = 'tests/fixtures/broadcast';
const NAME = 'spring-picks';

describe('run-broadcast: the one send path of the CLI and the studio', () => {
  let t: TestDb;
  let fake: FakeResendBatch;
  let settings: SendSettings;
  beforeEach(async () => {
    t = await createTestDb();
    fake = await startFakeResendBatch();
    settings = { siteUrl: 'https://maya.example', emailFrom: 'maya@maya.example', resendApiKey: fake.apiKey, resendBaseUrl: fake.url };
  });
  afterEach(async () => {
    await fake.close();
    t.cleanup();
  });

  it('starts once when two requests race, and a second sender mid-send is refused: each subscriber mailed once', async () => {
    const emails = await seedSubscribers(t.db, 7);
    const rendered = await renderForSend(settings, CONTENT, NAME);
    if (!rendered.ok) throw new Error(rendered.message);
    expect(await newsletterStatus(t.db, NAME)).toMatchObject({ state: 'unsent', recipientCount: 7, running: false });
    const [a, b] = await Promise.all([startOrJoin(t.db, settings, NAME, rendered.value, 3), startOrJoin(t.db, settings, NAME, rendered.value, 3)]);
    expect(a.id).toBe(b.id);
    expect(await t.db.select().from(broadcasts)).toHaveLength(1);
    // A second sender (another tab, the CLI) starting while the first is mid-send is refused by the lease.
    let second: Awaited<ReturnType<typeof deliverBroadcast>> | undefined;
    fake.beforeDeliver = async (batch) => {
      if (batch === 1) second = await deliverBroadcast(t.db, settings, b, { ratePerSecond: 50 });
    };
    const first = await deliverBroadcast(t.db, settings, a, { ratePerSecond: 50 });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/Another send of this newsletter is running/) });
    expect(fake.deliveries.flatMap((d) => d.to).sort()).toEqual([...emails].sort());
    expect(fake.deliveries[0]!.from).toBe(`"${rendered.value.senderName}" <maya@maya.example>`);
    expect(await newsletterStatus(t.db, NAME)).toMatchObject({ state: 'sent', recipientCount: 7, running: false, counts: { sent: 7, queued: 0, sending: 0 } });
  });

  it('says what is missing before anything is sent', () => {
    expect(sendProblem({ ...settings, resendApiKey: undefined })).toMatch(/RESEND_API_KEY/);
    expect(sendProblem({ ...settings, emailFrom: undefined })).toMatch(/EMAIL_FROM/);
    expect(sendProblem(settings)).toBeUndefined();
  });
});
