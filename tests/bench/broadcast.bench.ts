// A broadcast to 10,000 subscribers against the local fake Resend limited to 2 requests/s:
// wall time against the floor the limit sets (10,000 / 100 per batch / 2 per s = 50 s),
// duplicates and misses (both must be 0). Also why the unsubscribe link is a placeholder:
// rendering once per recipient against once per list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDb } from '../../db/client.ts';
import { startFakeResendBatch } from '../support/fake-resend-batch.ts';
import { seedSubscribers } from '../support/seed-subscribers.ts';
import { renderNewsletter } from '../../src/broadcasts/newsletter/render-newsletter.tsx';
import { sendBroadcast } from '../../src/broadcasts/broadcast-send.ts';
import { createUnsubscribeFor } from '../../src/mail/email-links.ts';
import { freezeBroadcast } from '../../src/broadcasts/broadcasts.ts';
import { createResendBatchSender } from '../../src/mail/resend-batch.ts';

const SUBSCRIBERS = 10_000;
const RATE = 2;
const TARGET = 1.15;

export default async function benchBroadcast(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-bench-broadcast-'));
  const db = createDb(`file:${join(dir, 'bench.db')}`);
  const fake = await startFakeResendBatch({ ratePerSecond: RATE });
  try {
    await migrateDb(db);
    const emails = await seedSubscribers(db, SUBSCRIBERS);
    const input = { contentDir: 'tests/fixtures/broadcast', name: 'spring-picks', siteUrl: 'https://maya.example' };
    const rendered = await renderNewsletter(input);
    if (!rendered.ok) throw new Error(rendered.message);

    const renders = 20;
    let t = performance.now();
    for (let i = 0; i < renders; i++) await renderNewsletter(input);
    const perRender = (performance.now() - t) / renders;
    console.log(`render: ${perRender.toFixed(1)} ms per newsletter → per recipient would be ~${((perRender * SUBSCRIBERS) / 1000).toFixed(0)} s of CPU for ${SUBSCRIBERS.toLocaleString('en-US')}; rendered once + placeholder instead`);

    const { subject, html, text } = rendered.value;
    t = performance.now();
    const broadcast = await freezeBroadcast(db, { name: 'spring-picks', subject, from: 'Maya <maya@maya.example>', html, text, batchSize: 100 });
    console.log(`freeze ${broadcast.recipientCount.toLocaleString('en-US')} recipients: ${(performance.now() - t).toFixed(0)} ms`);

    t = performance.now();
    const result = await sendBroadcast(db, broadcast, {
      sendBatch: createResendBatchSender(fake.apiKey, fake.url),
      unsubscribeFor: await createUnsubscribeFor(db, 'https://maya.example'),
      ratePerSecond: RATE,
    });
    const wall = (performance.now() - t) / 1000;
    const floor = SUBSCRIBERS / 100 / RATE;
    const counts = new Map<string, number>();
    for (const d of fake.deliveries) counts.set(d.to[0]!, (counts.get(d.to[0]!) ?? 0) + 1);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    const misses = emails.filter((e) => !counts.has(e)).length;
    const limited = fake.requests.filter((r) => r.status === 429).length;
    const ratio = wall / floor;
    console.log(`send: ${wall.toFixed(1)} s wall, floor ${floor} s (${SUBSCRIBERS}/100/${RATE}), ratio ${ratio.toFixed(3)} (target ≤ ${TARGET})`);
    console.log(`requests: ${fake.requests.length} (${limited} answered 429) · delivered ${fake.deliveries.length} · duplicates ${duplicates} · misses ${misses}`);
    const ok = result.ok && ratio <= TARGET && duplicates === 0 && misses === 0;
    console.log(ok ? 'PASS' : 'FAIL');
    return ok;
  } finally {
    await fake.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
