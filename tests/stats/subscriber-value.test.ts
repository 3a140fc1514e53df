import { afterEach, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { insertClicks, insertSubscriber } from '../support/stats-events.ts';
import { getReportWithEarnings } from '../../src/stats/earnings-tables.ts';
import type { Catalog } from '../../src/stats/tables.ts';

let t: TestDb | undefined;
afterEach(() => t?.cleanup());

test('subscriber value: per signup source, confirmed, and the newsletter clicks and commission shared out by recipients', async () => {
  t = await createTestDb();
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = Date.now() - 3_600_000;
  // Three subscribers from article A (2 confirmed), one from the bio page.
  await insertSubscriber(t.db, { email: 'a1@example.com', status: 'confirmed', source: 'form:/posts/a/#inline', created: iso(at), confirmed: iso(at + 1000) });
  await insertSubscriber(t.db, { email: 'a2@example.com', status: 'confirmed', source: 'form:/posts/a/#inline', created: iso(at), confirmed: iso(at + 1000) });
  await insertSubscriber(t.db, { email: 'a3@example.com', status: 'pending', source: 'form:/posts/a/#footer', created: iso(at) });
  await insertSubscriber(t.db, { email: 'b1@example.com', status: 'confirmed', source: 'form:/links/#bio', created: iso(at), confirmed: iso(at + 1000) });
  const c = t.db.$client;
  await c.execute({ sql: "insert into broadcasts (name, subject, \"from\", html, text, status, recipient_count, batch_size, created_at) values ('nov', 's', 'f', 'h', 't', 'sent', 3, 100, ?)", args: [at] });
  await c.execute("insert into broadcast_recipients (broadcast_id, subscriber_id, email, batch, status) select 1, id, email, 0, 'sent' from subscribers where status = 'confirmed'");
  // The newsletter got 6 clicks; one of them earned 9.00 commission.
  await insertClicks(t.db, Array.from({ length: 6 }, () => ({ at, source: 'email:nov', link: 'x' })));
  const [first] = (await c.execute("select id from clicks where source = 'email:nov' limit 1")).rows;
  await c.execute({ sql: "insert into conversions (network, transaction_id, click_id, occurred_at, sale_amount_cents, commission_cents, status, created_at, updated_at) values ('amazon', 't1', ?, ?, 10000, 900, 'approved', ?, ?)", args: [first!.id, at, at, at] });

  const catalog: Catalog = { links: new Map(), titles: new Map(), placements: new Map() };
  const { report, emailClicksByPage } = await getReportWithEarnings(t.db, '7', catalog);
  const rows = Object.fromEntries(report.tables.find((x) => x.id === 'subscriber-value')!.rows.map((r) => [r.source, r]));
  // Two of the three recipients came from article A's inline form: 2/3 of 6 clicks and of 9.00.
  expect(rows['form:/posts/a/#inline']).toMatchObject({ signups: 2, confirmed: 2, reached: 2, email_clicks: 4, commission: 6 });
  expect(rows['form:/posts/a/#footer']).toMatchObject({ signups: 1, confirmed: 0, reached: 0, email_clicks: 0, commission: 0 });
  expect(rows['form:/links/#bio']).toMatchObject({ signups: 1, confirmed: 1, reached: 1, email_clicks: 2, commission: 3 });
  expect(emailClicksByPage.get('/posts/a/')).toBe(4);
});
