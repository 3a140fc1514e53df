// Studio → List over real HTTP against the built server and its real database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../../../db/client.ts';
import { subscribers } from '../../../db/schema/subscribers.ts';
import { emailQueue } from '../../../db/schema/email.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { seedSubscribers } from '../../support/seed-subscribers.ts';

const PASSWORD = 'studio-list-password';
let server: RunningServer;
let db: Db;
let cookie: string;

beforeAll(async () => {
  server = await startServer({ STATS_PASSWORD: PASSWORD });
  db = createDb(server.databaseUrl);
  await seedSubscribers(db, 3, 'confirmed');
  await seedSubscribers(db, 2, 'pending', 10);
  const res = await fetch(`${server.url}/studio/login`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `password=${PASSWORD}` });
  cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
const emailsOn = (html: string) => [...html.matchAll(/class="slug" href="\/studio\/list\/\d+">([^<]+)</g)].map((m) => m[1]);

it('searches by address and filters by status and source', async () => {
  expect(emailsOn(await (await get('/studio/list')).text())).toHaveLength(5);
  expect(emailsOn(await (await get('/studio/list?status=pending')).text()).sort()).toEqual(['reader-10@example.com', 'reader-11@example.com']);
  expect(emailsOn(await (await get('/studio/list?q=READER-1')).text()).sort()).toEqual(['reader-1@example.com', 'reader-10@example.com', 'reader-11@example.com'].sort());
  // % and _ are searched for as themselves, not as wildcards.
  expect(emailsOn(await (await get('/studio/list?q=%25')).text())).toEqual([]);
  expect(emailsOn(await (await get('/studio/list?source=nowhere')).text())).toEqual([]);
});

it('imports a CSV file and exports the list', async () => {
  const form = new FormData();
  form.append('file', new Blob(['email,first_name,status\nnew-one@example.com,Ana,confirmed\nnot-an-email,Bo,confirmed\nreader-0@example.com,Cy,confirmed\n'], { type: 'text/csv' }), 'list.csv');
  const res = await fetch(`${server.url}/studio/list`, { method: 'POST', headers: { Cookie: cookie, Origin: server.url }, body: form });
  const html = await res.text();
  expect(html.match(/class="(ok|error)"[^>]*>([^<]*)</)?.[2]).toMatch(/Imported 1 from plain; 1 already on the list \(an import never raises a status\), 0 repeated, 1 invalid/);
  const csv = await (await get('/studio/list.csv')).text();
  expect(csv.split('\n')[0]).toMatch(/^email,/);
  expect(csv).toContain('new-one@example.com');
  expect(csv.trim().split('\n')).toHaveLength(7);
});

it('shows one person\'s history and deletes them for good, mail included', async () => {
  const [person] = await db.select().from(subscribers).where(eq(subscribers.email, 'reader-2@example.com'));
  await db.insert(emailQueue).values({ createdAt: new Date(), kind: 'welcome', subscriberId: person!.id, toAddress: person!.email, fromAddress: 'me@example.com', subject: 'Welcome in', html: '<p>hi</p>', text: 'hi', idempotencyKey: 'k-welcome-2', status: 'sent', nextAttemptAt: new Date(), sentAt: new Date() });
  const page = await (await get(`/studio/list/${person!.id}`)).text();
  expect(page).toContain('Signed up (import:test)');
  expect(page).toContain('Confirmed');
  expect(page).toContain('Email “Welcome in” (welcome): sent');

  const post = (confirm: string) => fetch(`${server.url}/studio/list/${person!.id}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ confirm }) });
  expect((await post('someone-else@example.com')).status).toBe(422);
  expect(await db.select().from(subscribers).where(eq(subscribers.id, person!.id))).toHaveLength(1);
  expect((await post('reader-2@example.com')).status).toBe(303);
  expect(await db.select().from(subscribers).where(eq(subscribers.id, person!.id))).toHaveLength(0);
  expect(await db.select().from(emailQueue).where(eq(emailQueue.toAddress, 'reader-2@example.com'))).toHaveLength(0);
  expect((await get(`/studio/list/${person!.id}`)).status).toBe(404);
});

it('keeps the list behind the login', async () => {
  for (const path of ['/studio/list', '/studio/list.csv', '/studio/list/1']) {
    const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(res.status, path).toBe(303);
  }
});
